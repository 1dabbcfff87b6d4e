using System;
using System.IO;
using Xunit;

namespace Contracts.Generators.Tests;

/// <summary>
/// The packages as users install them: the generator, <c>Contracts.Wolverine</c> and the SQLite store packed into a
/// local folder and used by a fresh service outside the repository with plain <c>PackageReference</c>s. The service
/// publishes a generated contract through the durable SQLite store and handles it, upcast from an older version.
/// </summary>
public class SolutionPackageTests
{
    private const string V1 = """
        { "type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders",
          "fields": [ { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } } ] }
        """;

    private const string V2 = """
        { "type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders",
          "fields": [ { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
                      { "name": "currency", "type": "string", "default": "EUR" } ] }
        """;

    private const string Program = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Acme.Orders;
        using Contracts.Storage.Sqlite;
        using Contracts.Wolverine;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using Wolverine;

        var database = Path.Combine(Path.GetTempPath(), $"package-consumer-{Guid.NewGuid():N}.db");
        using var host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(opts =>
            {
                opts.PersistMessagesWithSqlite($"Data Source={database}");
                opts.UseContracts(c => c.Add(Consumer.ContractRegistry.All));
                opts.Policies.UseDurableLocalQueues();
            })
            .StartAsync();

        var old = new OrderPlacedV1 { OrderId = Guid.Parse("6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab") };
        await host.Services.GetRequiredService<IMessageBus>().PublishAsync(old.ToLatest());
        // Generous: Wolverine compiles the handler at the first message, which takes long on a loaded machine.
        var handled = await OrderPlacedHandler.Handled.Task.WaitAsync(TimeSpan.FromMinutes(3));
        Console.WriteLine($"handled {handled.GetType().Name} {handled.OrderId} {handled.Currency} from {Consumer.ContractRegistry.All.Count} contract(s)");
        await host.StopAsync();

        public static class OrderPlacedHandler
        {
            public static readonly TaskCompletionSource<OrderPlaced> Handled = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public static void Handle(OrderPlaced message) => Handled.TrySetResult(message);
        }
        """;

    [Fact]
    public void packed_generator_runtime_and_sqlite_store_run_a_fresh_service_from_a_local_feed()
    {
        var repo = BuildTests.RepoRoot();
        var folder = Path.Combine(Path.GetTempPath(), "contracts-build-tests", "solution-package-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = Path.Combine(folder, "feed");
        Directory.CreateDirectory(Path.Combine(folder, "schemas", "orders"));
        BuildTests.Pack(repo, feed,
            "src/Contracts.Abstractions/Contracts.Abstractions.csproj",
            "generators/Contracts.Generators/Contracts.Generators.csproj",
            "src/Contracts.Wolverine/Contracts.Wolverine.csproj",
            "src/Contracts.Storage.Sqlite/Contracts.Storage.Sqlite.csproj");

        File.WriteAllText(Path.Combine(folder, "schemas", "orders", "OrderPlaced.v1.avsc"), V1);
        File.WriteAllText(Path.Combine(folder, "schemas", "orders", "OrderPlaced.v2.avsc"), V2);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        // Our packages come from the local feed (no public package has their ids); third-party packages (Wolverine, Roslyn, SQLite) resolve from the
        // machine's package folder as a fallback, so the test does not download them again.
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                              ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Consumer</RootNamespace>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
                <UseAppHost>false</UseAppHost>
                <ContractsNamespaceMap>com.acme=Acme</ContractsNamespaceMap>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Contracts.Generators" Version="0.1.0" />
                <PackageReference Include="Contracts.Wolverine" Version="0.1.0" />
                <PackageReference Include="Contracts.Storage.Sqlite" Version="0.1.0" />
                <PackageReference Include="WolverineFx.RuntimeCompilation" Version="6.62.0" />
                <PackageReference Include="Microsoft.CodeAnalysis" Version="5.12.0" />
                <PackageReference Include="Microsoft.CodeAnalysis.Common" Version="5.12.0" />
                <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="5.12.0" />
              </ItemGroup>
            </Project>
            """);

        var build = BuildTests.DotNet("build -c Debug -v q -nologo", folder, nugetPackages: Path.Combine(folder, "packages"));
        Assert.True(build.ExitCode == 0, build.Output);
        var run = BuildTests.DotNet("bin/Debug/net10.0/Consumer.dll", folder);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("handled OrderPlaced 6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab EUR from 2 contract(s)", run.Output);
        Directory.Delete(folder, recursive: true);
    }
}
