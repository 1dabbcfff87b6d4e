using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Contracts.Generators.Tests;

/// <summary>
/// Real <c>dotnet build</c>s of small consumer projects in temp folders: in-repo style (ProjectReference with the
/// generator's dependencies loaded beside it) and package style (plain PackageReference from a local feed).
/// </summary>
public class BuildTests
{
    private const string OrderSchema = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders",
          "doc": "An order was placed.",
          "fields": [
            { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
            { "name": "total", "type": { "type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2 } },
            { "name": "note", "type": ["null", "string"], "default": null }
          ]
        }
        """;

    private const string Program = """
        using System;
        using System.Buffers;
        using Acme.Orders;

        var order = new OrderPlaced { OrderId = Guid.Empty, Total = 12.5m };
        var output = new ArrayBufferWriter<byte>();
        OrderPlacedAvroCodec.Instance.Write(output, order);
        var back = OrderPlacedAvroCodec.Instance.Read(output.WrittenSpan);
        Console.WriteLine($"{OrderPlaced.ContractInfo.Subject} v{OrderPlaced.ContractInfo.Version} {output.WrittenCount} bytes {back.Total} {Consumer.ContractRegistry.All.Count} contract(s)");
        """;

    /// <summary>Packs repository projects (paths relative to the repository root) into a local feed folder.</summary>
    internal static void Pack(string repo, string feed, params string[] projects)
    {
        foreach (var project in projects)
        {
            var pack = DotNet($"pack {repo}/{project} -c Debug -o {feed} -v q -nologo", repo);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }
    }

    // Found from the test assembly, not [CallerFilePath]: a CI build maps source paths to /_/.
    internal static string RepoRoot() => RepositoryRoot.Path;

    internal static (int ExitCode, string Output) DotNet(string arguments, string workingDirectory, string? nugetPackages = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (nugetPackages is not null) start.Environment["NUGET_PACKAGES"] = nugetPackages;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + arguments + " did not finish in 5 minutes:\n" + output);
        }
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    internal static string NewFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "contracts-build-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "schemas", "orders"));
        File.WriteAllText(Path.Combine(folder, "schemas", "orders", "OrderPlaced.v1.avsc"), OrderSchema);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        return folder;
    }

    private const string CommonProperties = """
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Exe</OutputType>
            <UseAppHost>false</UseAppHost>
            <Nullable>enable</Nullable>
            <LangVersion>latest</LangVersion>
            <ImplicitUsings>disable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
            <RootNamespace>Consumer</RootNamespace>
            <ContractsNamespaceMap>com.acme=Acme</ContractsNamespaceMap>
        """;

    /// <summary>An in-repo style consumer: the generator as a ProjectReference analyzer, with the package's props and targets imported.</summary>
    internal static string ProjectReferenceConsumer(string repo) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Import Project="{repo}/generators/Contracts.Generators/build/Contracts.Generators.props" />
          <PropertyGroup>
        {CommonProperties}
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{repo}/src/Contracts.Abstractions/Contracts.Abstractions.csproj" />
            <ProjectReference Include="{repo}/generators/Contracts.Generators/Contracts.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
          </ItemGroup>
          <Import Project="{repo}/generators/Contracts.Generators/build/Contracts.Generators.targets" />
        </Project>
        """;

    private static void WriteProjectReferenceConsumer(string folder) =>
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), ProjectReferenceConsumer(RepoRoot()));

    [Fact]
    public void a_project_reference_consumer_builds_warning_free_runs_and_gets_schema_errors_located_in_the_schema()
    {
        var repo = RepoRoot();
        var folder = NewFolder("projectref");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), ProjectReferenceConsumer(repo));

        var build = DotNet("build -c Debug -v q -nologo", folder);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"warning [A-Z]+[0-9]+", build.Output);
        Assert.Contains("0 Warning(s)", build.Output);
        var run = DotNet("bin/Debug/net10.0/Consumer.dll", folder);
        Assert.Contains("com.acme.orders.OrderPlaced v1 41 bytes 12.50 1 contract(s)", run.Output);

        File.WriteAllText(Path.Combine(folder, "schemas", "orders", "Broken.v1.avsc"),
            "{\n  \"type\": \"record\",\n  \"name\": \"Broken\",\n  \"namespace\": \"com.acme.orders\",\n  \"fields\": [\n    { \"name\": \"a\", \"type\": \"strin\" }\n  ]\n}\n");
        var broken = DotNet("build -c Debug -v q -nologo", folder);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(Path.Combine("schemas", "orders", "Broken.v1.avsc") + "(6,28): error CTR1003", broken.Output);
        Assert.DoesNotContain("error CS", broken.Output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void a_missing_hand_written_upcast_step_fails_the_build_with_CTR5001_at_the_schema_change_and_the_written_step_runs()
    {
        var folder = NewFolder("upcast");
        WriteProjectReferenceConsumer(folder);
        // v2 adds a field without a default: schema resolution cannot make a v2 from a v1. The subject's mode is NONE
        // (a reviewed break), so the compatibility analyzer stays quiet and the missing step is the one error.
        File.WriteAllText(Path.Combine(folder, "schemas", "contracts.settings.json"), """{ "compatibility": "NONE" }""");
        File.WriteAllText(Path.Combine(folder, "schemas", "orders", "OrderPlaced.v2.avsc"),
            OrderSchema.Replace("{ \"name\": \"note\",", "{ \"name\": \"currency\", \"type\": \"string\" },\n    { \"name\": \"note\",", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using System;
            using Acme.Orders;

            var latest = new OrderPlacedV1 { OrderId = Guid.Empty, Total = 12.5m }.ToLatest();
            Console.WriteLine($"upcast {latest.Total} {latest.Currency}");
            """);

        var missing = DotNet("build -c Debug -v q -nologo", folder);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains(Path.Combine("schemas", "orders", "OrderPlaced.v2.avsc") + "(7,5): error CTR5001: com.acme.orders.OrderPlaced v1 → v2 needs a hand-written upcaster"
            + " (reader field `currency` of record `com.acme.orders.OrderPlaced` has no default, and the writer record `com.acme.orders.OrderPlaced` has no field `currency`):"
            + " implement `static partial void UpcastFromV1(OrderPlacedV1 value, ref OrderPlaced? result)` in `static partial class Acme.Orders.OrderPlacedUpcasters`", missing.Output);
        Assert.DoesNotContain("error CS", missing.Output);

        File.WriteAllText(Path.Combine(folder, "OrderPlacedUpcasters.cs"), """
            namespace Acme.Orders;

            public static partial class OrderPlacedUpcasters
            {
                static partial void UpcastFromV1(OrderPlacedV1 value, ref OrderPlaced? result)
                    => result = new OrderPlaced { OrderId = value.OrderId, Total = value.Total, Currency = "CHF", Note = value.Note };
            }
            """);
        var written = DotNet("build -c Debug -v q -nologo", folder);
        Assert.True(written.ExitCode == 0, written.Output);
        Assert.Contains("0 Warning(s)", written.Output);
        Assert.Contains("upcast 12.5 CHF", DotNet("bin/Debug/net10.0/Consumer.dll", folder).Output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void a_package_consumer_gets_generator_props_and_runtime_from_one_package_reference()
    {
        var repo = RepoRoot();
        var folder = NewFolder("package");
        var feed = Path.Combine(folder, "feed");
        Pack(repo, feed, "src/Contracts.Abstractions/Contracts.Abstractions.csproj", "generators/Contracts.Generators/Contracts.Generators.csproj");
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, "Contracts.Generators.0.1.0.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("analyzers/dotnet/cs/Contracts.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Contracts.Generators.CodeFixes.dll", entries);
            Assert.Contains("build/contracts.globalconfig", entries);
            Assert.Contains("buildTransitive/contracts.globalconfig", entries);
        }
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
            {CommonProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Contracts.Generators" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);

        var build = DotNet("build -c Debug -v q -nologo", folder, nugetPackages: Path.Combine(folder, "packages"));
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"warning [A-Z]+[0-9]+", build.Output);
        Assert.Contains("0 Warning(s)", build.Output);
        var run = DotNet("bin/Debug/net10.0/Consumer.dll", folder);
        Assert.Contains("com.acme.orders.OrderPlaced v1 41 bytes 12.50 1 contract(s)", run.Output);
        Assert.False(File.Exists(Path.Combine(folder, "bin", "Debug", "net10.0", "Contracts.Schema.dll")), "generation-time dependencies must not flow to the consumer's output");
        Directory.Delete(folder, recursive: true);
    }
}
