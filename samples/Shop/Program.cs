using Shop;

// The sample shop: five services (Orders with its saga, Inventory, Payments, Notifications, Analytics) as Wolverine
// handler modules in one host, exchanging the contracts generated from schemas/shop through UseContracts, with the
// durable SQLite store (messages, sagas, event log), or on PostgreSQL.
//   dotnet run --project samples/Shop                 runs the scripted scenario on a new SQLite file and exits 0
//   dotnet run --project samples/Shop -- --db shop.db keeps the database file
//   dotnet run --project samples/Shop -- --postgres "Host=…;Database=…" runs on PostgreSQL (a fresh schema, dropped at the end)
//   ... --postgres "…" --nodes 2         runs two processes of the shop sharing that schema and a PostgreSQL queue
//   dotnet run --project samples/Shop -- --trace t.jsonl writes one order's spans there (default: shop-trace.jsonl next to the database)
try
{
    var options = ShopOptions.Parse(args);
    if (options.ShowHelp)
    {
        Console.WriteLine(ShopOptions.Help);
        return 0;
    }
    return options.Worker is { } worker ? await Worker.RunAsync(worker) : await Scenario.RunAsync(options);
}
catch (ShopUsageException e)
{
    Console.Error.WriteLine($"shop: {e.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}
catch (ShopStorageException e)
{
    Console.Error.WriteLine($"shop: {e.Message}");
    return 2;
}
catch (TimeoutException e)
{
    // A step that never happened: the timeline printed above shows how far the scenario got.
    Console.Error.WriteLine($"shop: {e.Message}");
    return 1;
}
