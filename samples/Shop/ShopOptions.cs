namespace Shop;

/// <summary>A wrong command-line argument: reported in one line, exit code 2.</summary>
public sealed class ShopUsageException(string message) : Exception(message);

/// <summary>The sample's command line.</summary>
public sealed record ShopOptions(string? DatabasePath, bool ShowHelp, string? TracePath = null, string? PostgresConnectionString = null)
{
    public const string Help = """
        Contracts sample shop: places orders through five services on Wolverine with the durable SQLite store
        (or PostgreSQL).

        usage: dotnet run --project samples/Shop [-- options]

          --db <path>      SQLite file to use (default: a new file in the temp folder, deleted afterwards)
          --postgres <connection string>
                           run on PostgreSQL instead, e.g. "Host=localhost;Username=shop;Password=…;Database=shop":
                           the shop creates a fresh schema there and drops it at the end
          --trace <path>   where to write one order's trace as JSON lines (default: shop-trace.jsonl next to the database)
          --help           show this help

          --nodes is not available in this version (see README.md, "Status").

        Exit code 0 when every step of the scenario behaved as expected, 1 when one did not, 2 for a wrong argument.
        """;

    public static ShopOptions Parse(string[] args)
    {
        string? db = null;
        string? trace = null;
        string? postgres = null;
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new ShopUsageException("--db needs a file path");
                    db = args[++i];
                    break;
                case "--trace":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new ShopUsageException("--trace needs a file path");
                    trace = args[++i];
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--postgres":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new ShopUsageException("--postgres needs a connection string, e.g. \"Host=localhost;Username=shop;Database=shop\"");
                    postgres = args[++i];
                    break;
                case "--nodes":
                    throw new ShopUsageException("--nodes is not available in this version; the scenario runs in one process (see README.md, \"Status\")");
                default:
                    throw new ShopUsageException($"unknown argument \"{args[i]}\"");
            }
        }
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
        return new ShopOptions(db, help, trace, postgres);
    }
}
