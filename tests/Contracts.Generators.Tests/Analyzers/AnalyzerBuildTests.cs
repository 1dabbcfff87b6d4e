using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Tests.Analyzers;

/// <summary>
/// Real <c>dotnet build</c>s of a small consumer (in-repo style, the generator as a ProjectReference analyzer):
/// the build-time compatibility errors, their place in the schema file, SARIF, severity overrides, the lock file,
/// and a CTR3xxx warning in user code.
/// </summary>
public class AnalyzerBuildTests
{
    private const string V1 = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders",
          "fields": [
            { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } }
          ]
        }
        """;

    // Line 5, column 5: a new field without a default (CTR2001 under BACKWARD).
    private const string V2Broken = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders",
          "fields": [
            { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
            { "name": "currency", "type": "string" }
          ]
        }
        """;

    private const string V2Fixed = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders",
          "fields": [
            { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
            { "name": "currency", "type": "string", "default": "EUR" }
          ]
        }
        """;

    // Line 9, column 24: the handler's parameter type.
    private const string Program = """
        using System;

        System.Console.WriteLine(Acme.Orders.OrderPlaced.ContractInfo.Version);

        /// <summary>Handles v1.</summary>
        public class OrderPlacedHandler
        {
            /// <summary>Handles v1.</summary>
            public void Handle(Acme.Orders.OrderPlacedV1 message) { }
        }
        """;

    [Fact]
    public void a_breaking_schema_change_fails_the_build_at_the_schema_line_in_the_output_and_in_sarif_and_the_severity_can_be_overridden()
    {
        var repo = BuildTests.RepoRoot();
        var folder = Path.Combine(Path.GetTempPath(), "contracts-build-tests", "analyzers-" + Guid.NewGuid().ToString("N")[..8]);
        var orders = Path.Combine(folder, "schemas", "orders");
        Directory.CreateDirectory(orders);
        File.WriteAllText(Path.Combine(orders, "OrderPlaced.v1.avsc"), V1);
        File.WriteAllText(Path.Combine(orders, "OrderPlaced.v2.avsc"), V2Broken);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), BuildTests.ProjectReferenceConsumer(repo));
        var v2 = Path.Combine("schemas", "orders", "OrderPlaced.v2.avsc");
        var sarifPath = Path.Combine(folder, "build.sarif");

        // 1. The break fails the build at v2's line 5, column 5, with the fix and the help link; the old-version handler is CTR3001.
        var broken = BuildTests.DotNet($"build -c Debug -v q -nologo \"-p:ErrorLog={sarifPath}%2Cversion=2.1\"", folder);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(v2 + "(5,5): error CTR2001: com.acme.orders.OrderPlaced v2: reader field `currency` of record `com.acme.orders.OrderPlaced` has no default, and the writer record `com.acme.orders.OrderPlaced` has no field `currency` [BACKWARD: v2 must read data written with v1]; fix: add a default to field `currency`, or keep field `currency` in the writer", broken.Output);
        Assert.Contains("docs/diagnostics/CTR2001.md", broken.Output);
        Assert.Contains("Program.cs(9,24): error CTR3001: handle the latest OrderPlaced; OrderPlacedV1 is version 1 of com.acme.orders.OrderPlaced", broken.Output);
        Assert.DoesNotContain("error CS", broken.Output);

        using (var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)))
        {
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            var result = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "CTR2001");
            Assert.Equal("error", result.GetProperty("level").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("schemas/orders/OrderPlaced.v2.avsc", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(5, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(5, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        }

        // The break also means no generated upcaster can make a v2 from a v1: the step to write by hand is named.
        Assert.Contains(v2 + "(5,5): error CTR5001:", broken.Output);

        // 2. The user's own .globalconfig (higher global_level) turns the break into a warning, and the user writes the
        //    upcast step the break demands; the build passes.
        File.WriteAllText(Path.Combine(folder, ".globalconfig"), "is_global = true\nglobal_level = 100\ndotnet_diagnostic.CTR2001.severity = warning\ndotnet_diagnostic.CTR3001.severity = none\n");
        var handWritten = Path.Combine(folder, "OrderPlacedUpcasters.cs");
        File.WriteAllText(handWritten, """
            namespace Acme.Orders;

            /// <summary>The hand-written step of the accepted break.</summary>
            public static partial class OrderPlacedUpcasters
            {
                static partial void UpcastFromV1(OrderPlacedV1 value, ref OrderPlaced? result)
                    => result = new OrderPlaced { OrderId = value.OrderId, Currency = "EUR" };
            }
            """);
        var relaxed = BuildTests.DotNet("build -c Debug -v q -nologo -p:TreatWarningsAsErrors=false", folder);
        Assert.True(relaxed.ExitCode == 0, relaxed.Output);
        Assert.Contains(v2 + "(5,5): warning CTR2001:", relaxed.Output);
        Assert.DoesNotContain("CTR3001", relaxed.Output);
        Assert.DoesNotContain("CTR5001", relaxed.Output);
        File.Delete(Path.Combine(folder, ".globalconfig"));
        File.Delete(handWritten);

        // 3. Fixed, and locked: the build passes; then an edit to the locked v1 fails it (CTR2801 in v1's file).
        File.WriteAllText(Path.Combine(orders, "OrderPlaced.v2.avsc"), V2Fixed);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine(Acme.Orders.OrderPlaced.ContractInfo.Version);\n");
        var published = SchemaRepository.Load([new SchemaFileText("orders/OrderPlaced.v1.avsc", V1), new SchemaFileText("orders/OrderPlaced.v2.avsc", V2Fixed)]);
        File.WriteAllText(Path.Combine(folder, "schemas", SchemaLockFile.FileName), SchemaLockFile.From(published).ToJson());
        var clean = BuildTests.DotNet("build -c Debug -v q -nologo", folder);
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.DoesNotContain("CTR2", clean.Output);

        File.WriteAllText(Path.Combine(orders, "OrderPlaced.v1.avsc"), V1.Replace("\"uuid\" } }", "\"uuid\" } },\n    { \"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null }"));
        var edited = BuildTests.DotNet("build -c Debug -v q -nologo", folder);
        Assert.NotEqual(0, edited.ExitCode);
        Assert.Contains(Path.Combine("schemas", "orders", "OrderPlaced.v1.avsc") + "(1,1): error CTR2801: \"com.acme.orders.OrderPlaced\" v1 is published in schemas.lock.json and its schema changed", edited.Output);
        Directory.Delete(folder, recursive: true);
    }
}
