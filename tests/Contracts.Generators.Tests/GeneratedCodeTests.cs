using System.Collections.Generic;
using System.Linq;
using Acme.Shop.Contracts;
using Com.Acme.Kitchen;
using Contracts.Generators.Tests.Generated;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Contracts.Generators.Tests;

/// <summary>What the generated types look like and how settings change them.</summary>
public class GeneratedCodeTests
{
    [Fact]
    public void versions_are_named_by_recency_and_carry_their_metadata()
    {
        Assert.Equal("com.acme.shop.OrderPlaced", OrderPlaced.ContractInfo.Subject);
        Assert.Equal(2, OrderPlaced.ContractInfo.Version);
        Assert.Equal(1, OrderPlacedV1.ContractInfo.Version);
        Assert.Equal(ContractKind.Command, PlaceOrder.ContractInfo.Kind);
        Assert.Equal("customerId", OrderPlaced.ContractInfo.PartitionKeyField);
        Assert.Equal("orderId", OrderPlaced.ContractInfo.IdempotencyKeyField);
        Assert.Equal("customer-42", Samples.Order().GetPartitionKey());
        Assert.Equal("6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", Samples.Order().GetIdempotencyKey());
        var schema = global::Avro.Schema.Parse(OrderPlaced.ContractInfo.Schema);
        Assert.Equal((ulong)global::Avro.SchemaNormalization.ParsingFingerprint64(schema), OrderPlaced.ContractInfo.Fingerprint);
        Assert.Equal(64, OrderPlaced.ContractInfo.Sha256Fingerprint.Length);
    }

    [Fact]
    public void the_registry_lists_every_contract_with_its_codecs()
    {
        var all = ContractRegistry.All;
        Assert.Equal(
            ["com.acme.kitchen.AllTypes v1", "com.acme.kitchen.Defaults v1", "com.acme.kitchen.event.Keywords v1", "com.acme.shop.CustomerRegistered v1", "com.acme.shop.OrderPlaced v1", "com.acme.shop.OrderPlaced v2", "com.acme.shop.PlaceOrder v1"],
            all.Select(r => r.Info.Subject + " v" + r.Info.Version));
        var order = ContractRegistry.Find("com.acme.shop.OrderPlaced", 2)!;
        Assert.Same(OrderPlacedAvroCodec.Instance, order.GetAvroCodec<OrderPlaced>());
        Assert.Same(OrderPlacedJsonCodec.Instance, order.GetJsonCodec<OrderPlaced>());
        Assert.Equal(typeof(OrderPlacedV1), ContractRegistry.Find("com.acme.shop.OrderPlaced", 1)!.Info.ClrType);
        Assert.Null(ContractRegistry.Find("com.acme.shop.CustomerRegistered", 1)!.AvroCodec);
        Assert.Null(ContractRegistry.Find("nope", 1));
    }

    [Fact]
    public void keywords_are_escaped_defaults_applied_and_docs_cannot_break_out()
    {
        var value = new Com.Acme.Kitchen.Event.Keywords { Class = "c" };
        Assert.Equal(42, value.Namespace);
        Assert.True(value.KeywordsValue);
        Assert.Equal(1.5, value.EqualsValue);
        Assert.Equal(-7L, value.ContractInfoValue);
        Assert.Equal("quote \" and backslash \\ and tab\t", value.SnakeCaseName);
        Assert.Equal(Com.Acme.Kitchen.Event.Keywords.KindType.Class, value.Kind);

        var result = GeneratorHarness.Run(GeneratorHarness.ValidSchemas());
        var source = result.Run.Results.Single().GeneratedSources.Single(s => s.HintName == "com.acme.kitchen.event.Keywords.v1.g.cs").SourceText.ToString();
        Assert.Contains("/// Docs that try to break out: &lt;/summary&gt; &lt;b&gt;bold&lt;/b&gt; */ /* &amp; done", source);
        Assert.Contains("/// Second line with &lt;/param&gt; and */.", source);
        // The doc text became exactly one documentation comment trivia: no stray tokens.
        var tree = CSharpSyntaxTree.ParseText(source);
        Assert.Empty(tree.GetDiagnostics());
    }

    [Fact]
    public void wolverine_message_identity_is_emitted_only_when_wolverine_is_referenced()
    {
        const string wolverine = """
            namespace Wolverine.Attributes
            {
                /// <summary>Stand-in for Wolverine's attribute.</summary>
                /// <param name="alias">The message alias.</param>
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class MessageIdentityAttribute(string alias) : System.Attribute
                {
                    /// <summary>The alias.</summary>
                    public string Alias { get; } = alias;

                    /// <summary>The version.</summary>
                    public int Version { get; set; }
                }
            }
            """;
        var with = GeneratorHarness.Run(GeneratorHarness.ValidSchemas(), wolverine);
        Assert.True(with.CompileDiagnostics.IsEmpty, string.Join("\n", with.CompileDiagnostics));
        var order = with.Output.GetTypeByMetadataName("Acme.Shop.Contracts.OrderPlacedV1")!;
        var attribute = Assert.Single(order.GetAttributes(), a => a.AttributeClass!.Name == "MessageIdentityAttribute");
        Assert.Equal("com.acme.shop.OrderPlaced", attribute.ConstructorArguments[0].Value);
        Assert.Equal(1, attribute.NamedArguments.Single(a => a.Key == "Version").Value.Value);

        Assert.DoesNotContain(with.Run.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("IForwardsTo"));

        var without = GeneratorHarness.Run(GeneratorHarness.ValidSchemas());
        Assert.DoesNotContain(without.Run.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("Wolverine"));
    }

    [Fact]
    public void older_versions_forward_to_the_latest_when_wolverine_forwarding_is_referenced()
    {
        const string wolverine = """
            namespace Wolverine
            {
                /// <summary>Stand-in for Wolverine's forwarding interface.</summary>
                /// <typeparam name="T">The forwarded-to type.</typeparam>
                public interface IForwardsTo<T>
                {
                    /// <summary>Transforms the message.</summary>
                    /// <returns>The new message.</returns>
                    T Transform();
                }

                /// <summary>Stand-in for Wolverine's options.</summary>
                public sealed class WolverineOptions
                {
                    /// <summary>What was registered.</summary>
                    public System.Collections.Generic.List<(System.Type, System.Type)> Forwarders { get; } = new();

                    /// <summary>Registers a forwarder.</summary>
                    /// <typeparam name="TFrom">The old type.</typeparam>
                    /// <typeparam name="TTo">The new type.</typeparam>
                    /// <returns>These options.</returns>
                    public WolverineOptions RegisterMessageForwarder<TFrom, TTo>() where TFrom : IForwardsTo<TTo>
                    {
                        Forwarders.Add((typeof(TFrom), typeof(TTo)));
                        return this;
                    }
                }
            }
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.ValidSchemas(), wolverine);
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics));
        var older = result.Output.GetTypeByMetadataName("Acme.Shop.Contracts.OrderPlacedV1")!;
        var forwards = Assert.Single(older.AllInterfaces, i => i.Name == "IForwardsTo");
        Assert.Equal("Acme.Shop.Contracts.OrderPlaced", forwards.TypeArguments.Single().ToDisplayString());
        var registry = result.Run.Results.Single().GeneratedSources.Single(s => s.HintName == "ContractRegistry.g.cs").SourceText.ToString();
        Assert.Contains("options.RegisterMessageForwarder<global::Acme.Shop.Contracts.OrderPlacedV1, global::Acme.Shop.Contracts.OrderPlaced>();", registry);
        Assert.Single(registry.Split('\n'), l => l.Contains("RegisterMessageForwarder<"));
    }

    [Fact]
    public void build_properties_map_namespaces_name_json_and_choose_codecs()
    {
        var texts = new List<AdditionalText>
        {
            new InMemoryText("/schemas/Thing.v1.avsc", """{"type":"record","name":"Thing","namespace":"org.example.things","fields":[{"name":"thing_id","type":"string"}]}"""),
        };
        var result = GeneratorHarness.Run(texts, properties: new()
        {
            ["build_property.ContractsNamespaceMap"] = "org.example=Example.event",
            ["build_property.ContractsJsonNaming"] = "camelCase",
            ["build_property.ContractsCodecs"] = "json",
            ["build_property.RootNamespace"] = "My.App",
        });
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics));
        Assert.NotNull(result.Output.GetTypeByMetadataName("Example.event.Things.Thing"));
        Assert.NotNull(result.Output.GetTypeByMetadataName("Example.event.Things.ThingJsonCodec"));
        Assert.Null(result.Output.GetTypeByMetadataName("Example.event.Things.ThingAvroCodec"));
        Assert.NotNull(result.Output.GetTypeByMetadataName("My.App.ContractRegistry"));
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("namespace Example.@event.Things"));
        var json = result.Run.Results.Single().GeneratedSources.Single(s => s.HintName == "org.example.things.Thing.v1.g.cs").SourceText.ToString();
        Assert.Contains("JsonPropertyNames(\"thingId\")", json);

        var none = GeneratorHarness.Run(texts, properties: new() { ["build_property.ContractsCodecs"] = "none" });
        Assert.Equal(["ContractRegistry.g.cs", "org.example.things.Thing.v1.g.cs"], none.Run.Results.Single().GeneratedSources.Select(s => s.HintName).Order());
        Assert.DoesNotContain("Codec", none.Run.Results.Single().GeneratedSources.Single(s => s.HintName == "org.example.things.Thing.v1.g.cs").SourceText.ToString());
        Assert.True(none.CompileDiagnostics.IsEmpty, string.Join("\n", none.CompileDiagnostics));
    }
}
