using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Generators.Analyzers;
using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Tests.Analyzers;

/// <summary>CTR3001-CTR3003 on user code, over contracts generated from real schemas.</summary>
public class UsageAnalyzerTests
{
    internal static List<AdditionalText> ShopSchemas() =>
    [
        new InMemoryText("/schemas/shop/contracts.settings.json", """
            { "namespaces": { "shop": "Shop" },
              "subjects": {
                "shop.OrderPlaced": { "partitionKey": "orderId", "idempotencyKey": "orderNumber" },
                "shop.ChargePayment": { "kind": "command" } } }
            """),
        new InMemoryText("/schemas/shop/OrderPlaced.v1.avsc", """
            { "type": "record", "name": "OrderPlaced", "namespace": "shop", "fields": [
              { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
              { "name": "orderNumber", "type": ["null", "string"], "default": null } ] }
            """),
        new InMemoryText("/schemas/shop/OrderPlaced.v2.avsc", """
            { "type": "record", "name": "OrderPlaced", "namespace": "shop", "fields": [
              { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
              { "name": "orderNumber", "type": ["null", "string"], "default": null },
              { "name": "note", "type": ["null", "string"], "default": null } ] }
            """),
        new InMemoryText("/schemas/shop/OrderPlaced.v3.avsc", """
            { "type": "record", "name": "OrderPlaced", "namespace": "shop", "fields": [
              { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } },
              { "name": "orderNumber", "type": ["null", "string"], "default": null },
              { "name": "note", "type": ["null", "string"], "default": null },
              { "name": "channel", "type": "string", "default": "web" } ] }
            """),
        new InMemoryText("/schemas/shop/ChargePayment.v1.avsc", """
            { "type": "record", "name": "ChargePayment", "namespace": "shop", "fields": [
              { "name": "orderId", "type": { "type": "string", "logicalType": "uuid" } } ] }
            """),
    ];

    /// <summary>The part of Wolverine's API the rules look at (the tests do not reference WolverineFx).</summary>
    private const string WolverineStub = """
        namespace Wolverine
        {
            public interface IMessageBus
            {
                System.Threading.Tasks.ValueTask PublishAsync<T>(T message, object? options = null);
                System.Threading.Tasks.ValueTask SendAsync<T>(T message, object? options = null);
            }
            public interface IMessageContext : IMessageBus { }
            public interface IWolverineHandler { }
        }
        """;

    [Fact]
    public async Task CTR3001_a_handler_of_a_superseded_version_is_reported_on_the_parameter_type()
    {
        var diagnostics = await AnalyzerHarness.AssertReportsOnMarkedSpans(new HandlerVersionAnalyzer(), "CTR3001", ShopSchemas(), WolverineStub + """

            namespace App
            {
                using System.Threading.Tasks;
                public class OrderPlacedHandler
                {
                    public void Handle([|Shop.OrderPlacedV1|] message) { }
                    public Task HandleAsync(Shop.OrderPlaced message) => Task.CompletedTask;
                }
                public class BillingConsumer
                {
                    public static Task ConsumeAsync([|Shop.OrderPlacedV2|] message, System.Threading.CancellationToken ct) => Task.CompletedTask;
                    private void Handle(Shop.OrderPlacedV1 message) { }
                    public void Audit(Shop.OrderPlacedV1 message) { }
                }
                public class Projection : Wolverine.IWolverineHandler
                {
                    public void Handle([|Shop.OrderPlacedV1|] message) { }
                }
                public class NotAHandlerByName
                {
                    public void Handle(Shop.OrderPlacedV1 message) { }
                }
                public class PaymentHandler
                {
                    public void Handle(Shop.ChargePayment command) { }
                }
            }
            """);
        Assert.Equal(
            "handle the latest OrderPlaced; OrderPlacedV1 is version 1 of shop.OrderPlaced, and older versions are upcast to the latest before a handler sees them",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal("OrderPlaced", diagnostics[0].Properties[HandlerVersionAnalyzer.LatestTypeProperty]);
        Assert.EndsWith("docs/diagnostics/CTR3001.md", diagnostics[0].Descriptor.HelpLinkUri);
    }

    [Fact]
    public async Task CTR3002_publishing_a_command_or_sending_an_event_is_reported_on_the_call()
    {
        var diagnostics = await AnalyzerHarness.AssertReportsOnMarkedSpans(new DispatchKindAnalyzer(), "CTR3002", ShopSchemas(), WolverineStub + """

            namespace App
            {
                using System;
                using System.Threading.Tasks;
                public class Orders
                {
                    public async Task Place(Wolverine.IMessageContext context, Wolverine.IMessageBus bus)
                    {
                        var placed = new Shop.OrderPlaced { OrderId = Guid.NewGuid(), OrderNumber = "A-1" };
                        await context.PublishAsync(placed);
                        await [|context.SendAsync(placed)|];
                        await bus.SendAsync(new Shop.ChargePayment { OrderId = placed.OrderId });
                        await [|bus.PublishAsync(new Shop.ChargePayment { OrderId = placed.OrderId })|];
                        await bus.PublishAsync("not a contract");
                    }
                }
            }
            """);
        Assert.Equal(
            "OrderPlaced is an event, but SendAsync sends it (subject shop.OrderPlaced); an event goes to every subscriber: publish it with PublishAsync, or make the subject a command in contracts.settings.json",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            "ChargePayment is a command, but PublishAsync publishes it (subject shop.ChargePayment); a command has one receiver: send it with SendAsync (or InvokeAsync), or make the subject an event in contracts.settings.json",
            diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CTR3003_an_event_created_with_an_empty_partition_or_idempotency_key_is_reported()
    {
        var diagnostics = await AnalyzerHarness.AssertReportsOnMarkedSpans(new MessageKeyAnalyzer(), "CTR3003", ShopSchemas(), """
            namespace App
            {
                using System;
                public static class Orders
                {
                    public static void Create(Guid id, string number)
                    {
                        _ = new Shop.OrderPlaced { OrderId = id, OrderNumber = number };
                        _ = new Shop.OrderPlaced { [|OrderId = Guid.Empty|], OrderNumber = number };
                        _ = new Shop.OrderPlaced { [|OrderId = default|], OrderNumber = number };
                        _ = new Shop.OrderPlaced { [|OrderId = new Guid()|], OrderNumber = number };
                        _ = new Shop.OrderPlaced { OrderId = id, [|OrderNumber = null|] };
                        _ = new Shop.OrderPlaced { OrderId = id, [|OrderNumber = ""|] };
                        _ = [|new Shop.OrderPlaced { OrderId = id }|];
                        _ = new Shop.ChargePayment { OrderId = Guid.Empty };
                    }
                }
            }
            """);
        Assert.Equal(
            "OrderPlaced.OrderId is the partition key of shop.OrderPlaced but is Guid.Empty here; give it the business value (messages with one key value are delivered in order; an empty key puts every message under one key)",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("OrderPlaced.OrderNumber is the idempotency key of shop.OrderPlaced but is left out here", diagnostics.Last().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task usage_analyzers_stay_silent_without_contracts_abstractions()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Plain",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public class OrderHandler { public void Handle(string m) { } }")],
            GeneratorHarness.References().Where(r => !(r.Display ?? "").Contains("Contracts.Abstractions")));
        foreach (var analyzer in new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new HandlerVersionAnalyzer(), new DispatchKindAnalyzer(), new MessageKeyAnalyzer() })
        {
            Assert.Empty(await AnalyzerHarness.Run(analyzer, compilation, []));
        }
    }
}
