namespace Shop;

/// <summary>A wrong command-line argument: reported in one line, exit code 2.</summary>
public sealed class ShopUsageException(string message) : Exception(message);

/// <summary>The sample's command line.</summary>
public sealed record ShopOptions(string? DatabasePath, bool ShowHelp, string? TracePath = null, string? PostgresConnectionString = null, int Nodes = 1, WorkerOptions? Worker = null, bool Processes = false)
{
    public const string Help = """
        Contracts sample shop: places orders through five services on Wolverine with the durable SQLite store
        (or PostgreSQL).

        usage: dotnet run --project samples/Shop [-- options]

          --db <path>      SQLite file to use (default: a new file in the temp folder, deleted afterwards)
          --postgres <connection string>
                           run on PostgreSQL instead, e.g. "Host=localhost;Username=shop;Password=…;Database=shop":
                           the shop creates a fresh schema there and drops it at the end
          --nodes <n>      with --postgres: run n processes (1 to 4) of the shop on the same schema; the services'
                           messages go through a PostgreSQL queue that every process consumes
          --processes      with --postgres: run each service (orders, inventory, payments, notifications) in a
                           process of its own, with its own PostgreSQL queue and message store; they share the
                           event log
          --trace <path>   where to write one order's trace as JSON lines (default: shop-trace.jsonl next to the database)
          --help           show this help

        Exit code 0 when every step of the scenario behaved as expected, 1 when one did not, 2 for a wrong argument.
        """;

    public static ShopOptions Parse(string[] args)
    {
        string? db = null;
        string? trace = null;
        string? postgres = null;
        var nodes = 1;
        int? worker = null;
        string? attach = null, schema = null, spans = null, services = null;
        var topology = ShopTopology.SharedQueue;
        int? legacyPort = null;
        var processes = false;
        string Value(ref int i, string what)
        {
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new ShopUsageException($"{args[i]} needs {what}");
            return args[++i];
        }
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db":
                    db = Value(ref i, "a file path");
                    break;
                case "--trace":
                    trace = Value(ref i, "a file path");
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--postgres":
                    postgres = Value(ref i, "a connection string, e.g. \"Host=localhost;Username=shop;Database=shop\"");
                    break;
                case "--nodes":
                    var n = Value(ref i, "a number of processes, 1 to 4");
                    if (!int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out nodes) || nodes is < 1 or > 4)
                        throw new ShopUsageException($"--nodes \"{n}\" is not a number of processes from 1 to 4");
                    break;
                // Hidden: how the first process of a --nodes or --processes run starts the others.
                case "--worker":
                    worker = int.Parse(Value(ref i, "a node number"), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--attach":
                    attach = Value(ref i, "a connection string");
                    break;
                case "--schema":
                    schema = Value(ref i, "a schema name");
                    break;
                case "--spans":
                    spans = Value(ref i, "a file path");
                    break;
                case "--topology":
                    topology = Enum.Parse<ShopTopology>(Value(ref i, "a topology"));
                    break;
                case "--services":
                    services = Value(ref i, "service names");
                    break;
                case "--legacy-port":
                    legacyPort = int.Parse(Value(ref i, "a port"), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--processes":
                    processes = true;
                    break;
                default:
                    throw new ShopUsageException($"unknown argument \"{args[i]}\"");
            }
        }
        if (worker is { } node)
        {
            if (attach is null || schema is null || spans is null || services is null) throw new ShopUsageException("--worker is started by --nodes or --processes, with --attach, --schema, --spans and --services");
            return new ShopOptions(null, false, Worker: new WorkerOptions(node, attach, schema, spans, topology, services.Split(','), legacyPort));
        }
        if (nodes > 1 && processes) throw new ShopUsageException("--nodes and --processes exclude each other: several copies of the whole shop, or one process per service");
        if ((nodes > 1 || processes) && postgres is null)
            throw new ShopUsageException($"{(processes ? "--processes" : "--nodes")} needs --postgres: the processes share one PostgreSQL database (SQLite is one process's file)");
        if (db is not null && postgres is not null) throw new ShopUsageException("--db and --postgres exclude each other: the shop runs on a SQLite file or on PostgreSQL");
        if (db is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(db));
            if (directory is null || !Directory.Exists(directory)) throw new ShopUsageException($"the folder of --db \"{db}\" does not exist");
        }
        if (trace is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(trace));
            if (directory is null || !Directory.Exists(directory)) throw new ShopUsageException($"the folder of --trace \"{trace}\" does not exist");
        }
        return new ShopOptions(db, help, trace, postgres, nodes, Processes: processes);
    }
}
