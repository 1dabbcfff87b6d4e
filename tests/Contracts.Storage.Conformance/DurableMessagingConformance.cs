using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine;
using JasperFx.Core;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Runtime;
using Wolverine.Transports.Tcp;

namespace Contracts.Storage.Conformance;

/// <summary>Behaviour of a real host whose durable local queues and outbox run on the store under test.</summary>
public abstract class DurableMessagingConformance : ConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Target.EnsureBusinessTableAsync();
    }

    [Fact]
    public async Task a_message_published_in_a_handler_commits_with_the_business_row()
    {
        var host = await StartHostAsync();

        await host.Bus().PublishAsync(new PlaceOrder("order-1"));

        await Eventually.UntilAsync(() => Probe.Runs(nameof(OrderPlaced), "order-1") == 1, "OrderPlaced order-1 handled");
        Assert.Equal(1, await Target.CountBusinessRowsAsync("order-1"));
        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).Incoming == 0, "no incoming envelope left");
    }

    [Fact]
    public async Task a_rolled_back_handler_leaves_neither_the_business_row_nor_the_message()
    {
        var host = await StartHostAsync(options =>
            options.Policies.OnException<CardDeclinedException>().MoveToErrorQueue());

        await host.Bus().PublishAsync(new PlaceOrder("order-2", FailAfterPublish: true));

        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "PlaceOrder order-2 dead-lettered");
        // A later message through the same queues proves the pipeline has moved past order-2.
        await host.Bus().PublishAsync(new PlaceOrder("order-3"));
        await Eventually.UntilAsync(() => Probe.Runs(nameof(OrderPlaced), "order-3") == 1, "OrderPlaced order-3 handled");

        Assert.Equal(0, await Target.CountBusinessRowsAsync("order-2"));
        Assert.Equal(0, Probe.Runs(nameof(OrderPlaced), "order-2"));
        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).Incoming == 0, "every incoming envelope handled");
        // Only order-3's OrderPlaced ever reached the inbox: order-2's was rolled back with its business row.
        var stored = await host.Store().Admin.AllIncomingAsync();
        Assert.Single(stored, e => e.MessageType is not null && e.MessageType.Contains(nameof(OrderPlaced), StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await host.Store().Admin.AllOutgoingAsync());
    }

    [Fact]
    public async Task a_unit_of_work_outside_a_handler_commits_its_messages_with_its_rows_or_neither()
    {
        var host = await StartHostAsync();

        var rolledBackBus = host.Bus();
        await using (var transaction = await Target.BeginBusinessTransactionAsync(rolledBackBus))
        {
            await transaction.InsertBusinessRowAsync("outside-rolled-back", "x");
            await rolledBackBus.PublishAsync(new Remind("outside-rolled-back"));
            await transaction.RollbackAsync();
        }

        var committedBus = host.Bus();
        await using (var transaction = await Target.BeginBusinessTransactionAsync(committedBus))
        {
            await transaction.InsertBusinessRowAsync("outside-committed", "x");
            await committedBus.PublishAsync(new Remind("outside-committed"));
            // Not committed yet: no other connection sees the message, and nothing is handled.
            Assert.Equal(0, (await host.Store().Admin.FetchCountsAsync()).Incoming);
            Assert.Equal(0, Probe.Runs(nameof(Remind), "outside-committed"));
            await transaction.CommitAsync();
        }

        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "outside-committed") == 1, "the committed Remind handled");
        Assert.Equal(1, await Target.CountBusinessRowsAsync("outside-committed"));
        Assert.Equal(0, await Target.CountBusinessRowsAsync("outside-rolled-back"));
        Assert.Equal(0, Probe.Runs(nameof(Remind), "outside-rolled-back"));
    }

    [Fact]
    public async Task a_store_neutral_unit_of_work_commits_its_messages_with_its_rows_or_neither()
    {
        // The same code on every store: OutboxTransaction from Contracts.Wolverine, portable SQL, named parameters.
        var host = await StartHostAsync();
        const string insert = "INSERT INTO business_rows (key, note) VALUES (@key, @note)";

        var rolledBackBus = host.Bus();
        await using (var transaction = await rolledBackBus.BeginOutboxTransactionAsync())
        {
            await using var command = transaction.CreateCommand(insert, ("@key", "neutral-rolled-back"), ("@note", "x"));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
            await rolledBackBus.PublishAsync(new Remind("neutral-rolled-back"));
            await transaction.RollbackAsync();
        }

        var committedBus = host.Bus();
        await using (var transaction = await committedBus.BeginOutboxTransactionAsync())
        {
            await using var command = transaction.CreateCommand(insert, ("@key", "neutral-committed"), ("@note", "x"));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
            await committedBus.PublishAsync(new Remind("neutral-committed"));
            Assert.Equal(0, (await host.Store().Admin.FetchCountsAsync()).Incoming);
            await transaction.CommitAsync();
        }

        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "neutral-committed") == 1, "the committed Remind handled");
        Assert.Equal(1, await Target.CountBusinessRowsAsync("neutral-committed"));
        Assert.Equal(0, await Target.CountBusinessRowsAsync("neutral-rolled-back"));
        Assert.Equal(0, Probe.Runs(nameof(Remind), "neutral-rolled-back"));
    }

    [Fact]
    public async Task a_redelivered_message_id_changes_state_only_once()
    {
        var host = await StartHostAsync();
        await host.Bus().PublishAsync(new PlaceOrder("order-4"));
        await Eventually.UntilAsync(() => Probe.Runs(nameof(OrderPlaced), "order-4") == 1, "OrderPlaced order-4 handled");
        var handled = (await host.Store().Admin.AllIncomingAsync()).Single(e => e.MessageType!.Contains(nameof(PlaceOrder)));
        Assert.Equal(EnvelopeStatus.Handled, handled.Status);

        // The transport delivers the same envelope again (as after a lost acknowledgement).
        var runtime = (IWolverineRuntime)host.Services.GetService(typeof(IWolverineRuntime))!;
        var again = new Envelope(new PlaceOrder("order-4")) { Id = handled.Id, Destination = handled.Destination, Status = EnvelopeStatus.Incoming, WasPersistedInInbox = true };
        await runtime.EnqueueDirectlyAsync(new[] { again });

        await Eventually.UntilAsync(() => Probe.Runs(nameof(PlaceOrder), "order-4") == 2, "the redelivered PlaceOrder order-4 reached the handler");
        await host.Bus().PublishAsync(new PlaceOrder("order-5"));
        await Eventually.UntilAsync(() => Probe.Runs(nameof(OrderPlaced), "order-5") == 1, "OrderPlaced order-5 handled");

        Assert.Equal(1, await Target.CountBusinessRowsAsync("order-4"));
        Assert.Equal(1, Probe.Runs(nameof(OrderPlaced), "order-4"));
    }

    [Fact]
    public async Task the_inbox_rejects_a_second_delivery_of_the_same_id()
    {
        var host = await StartHostAsync();
        var envelope = NewEnvelope(EnvelopeStatus.Incoming, "local://placeorder");
        await host.Store().Inbox.StoreIncomingAsync(envelope);
        await host.Store().Inbox.MarkIncomingEnvelopeAsHandledAsync(envelope);

        var again = NewEnvelope(EnvelopeStatus.Incoming, "local://placeorder");
        again.Id = envelope.Id;
        await Assert.ThrowsAsync<DuplicateIncomingEnvelopeException>(() => host.Store().Inbox.StoreIncomingAsync(again));
    }

    [Fact]
    public async Task a_failing_message_is_retried_then_dead_lettered_with_its_exception()
    {
        var host = await StartHostAsync(options =>
            options.Policies.OnException<CardDeclinedException>().RetryWithCooldown(10.Milliseconds(), 10.Milliseconds()).Then.MoveToErrorQueue());

        await host.Bus().PublishAsync(new ChargeCard("card-7"));

        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "ChargeCard card-7 dead-lettered");
        Assert.Equal(3, Probe.Runs(nameof(ChargeCard), "card-7"));
        var results = await host.Store().DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(), CancellationToken.None);
        var dead = Assert.Single(results.Envelopes);
        Assert.Equal(typeof(CardDeclinedException).FullName, dead.ExceptionType);
        Assert.Equal("card card-7 declined", dead.ExceptionMessage);
        Assert.Contains(nameof(ChargeCard), dead.MessageType, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await host.Store().Admin.FetchCountsAsync()).Incoming);
    }

    [Fact]
    public async Task a_scheduled_retry_goes_through_the_store_and_runs_again()
    {
        var host = await StartHostAsync(options =>
            options.Policies.OnException<CardDeclinedException>().ScheduleRetry(200.Milliseconds()).Then.MoveToErrorQueue());

        await host.Bus().PublishAsync(new ChargeCard("card-8"));

        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "ChargeCard card-8 dead-lettered after a scheduled retry");
        Assert.Equal(2, Probe.Runs(nameof(ChargeCard), "card-8"));
    }

    [Fact]
    public async Task a_dead_letter_that_is_replayed_is_handled()
    {
        var host = await StartHostAsync(options =>
            options.Policies.OnException<CardDeclinedException>().MoveToErrorQueue());
        await host.Bus().PublishAsync(new ShipParcel("parcel-1"));
        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "ShipParcel parcel-1 dead-lettered");

        var listed = await host.Store().DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(), CancellationToken.None);
        var dead = Assert.Single(listed.Envelopes);
        Probe.Fix("parcel-1");
        await host.Store().DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery(new[] { dead.Id }), CancellationToken.None);

        await Eventually.UntilAsync(() => Probe.Successes(nameof(ShipParcel), "parcel-1") == 1, "replayed ShipParcel parcel-1 handled");
        Assert.Equal(0, (await host.Store().Admin.FetchCountsAsync()).DeadLetter);
    }

    [Fact]
    public async Task a_scheduled_message_fires_when_due()
    {
        var host = await StartHostAsync();

        // Due in 2 s: long enough that the row is still scheduled when it is queried, even on a loaded machine (a CI run
        // at 300 ms found it already fired).
        await host.Bus().ScheduleAsync(new Remind("soon"), 2.Seconds());

        var scheduled = await host.Store().ScheduledMessages.QueryAsync(new ScheduledMessageQuery(), CancellationToken.None);
        Assert.Equal(1, scheduled.TotalCount);
        Assert.Equal(0, Probe.Runs(nameof(Remind), "soon"));
        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "soon") == 1, "scheduled Remind fired");
        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).Scheduled == 0, "no scheduled row left");
    }

    [Fact]
    public async Task a_cancelled_scheduled_message_never_fires()
    {
        var host = await StartHostAsync();
        await host.Bus().ScheduleAsync(new Remind("cancelled"), 500.Milliseconds());
        var scheduled = await host.Store().ScheduledMessages.QueryAsync(new ScheduledMessageQuery(), CancellationToken.None);
        var id = Assert.Single(scheduled.Messages).Id;

        await host.Store().ScheduledMessages.CancelAsync(new ScheduledMessageQuery { MessageIds = new[] { id } }, CancellationToken.None);
        // A sentinel due after the cancelled one: once it fired, the cancelled one would have too.
        await host.Bus().ScheduleAsync(new Remind("sentinel"), 800.Milliseconds());

        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "sentinel") == 1, "sentinel Remind fired");
        Assert.Equal(0, Probe.Runs(nameof(Remind), "cancelled"));
    }

    [Fact]
    public async Task handled_markers_and_expired_dead_letters_are_cleaned_up()
    {
        var host = await StartHostAsync(options =>
        {
            options.Durability.KeepAfterMessageHandling = 200.Milliseconds();
            options.Durability.DeadLetterQueueExpirationEnabled = true;
            options.Durability.DeadLetterQueueExpiration = 200.Milliseconds();
            options.Policies.OnException<CardDeclinedException>().MoveToErrorQueue();
        });

        await host.Bus().PublishAsync(new Remind("cleanup"));
        await host.Bus().PublishAsync(new ChargeCard("card-9"));
        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "cleanup") == 1 && Probe.Runs(nameof(ChargeCard), "card-9") == 1, "both handled");

        await Eventually.UntilAsync(async () =>
        {
            var counts = await host.Store().Admin.FetchCountsAsync();
            return counts.Handled == 0 && counts.DeadLetter == 0 && counts.Incoming == 0;
        }, "handled markers and dead letters expired and deleted");
    }

    [Fact]
    public async Task durable_outbox_and_inbox_deliver_over_tcp()
    {
        var port = FreePort();
        var host = await StartHostAsync(options =>
        {
            options.ListenAtPort(port).UseDurableInbox();
            options.PublishMessage<Ping>().ToPort(port).UseDurableOutbox();
        });

        var bus = host.Bus();
        await using (var transaction = await Target.BeginBusinessTransactionAsync(bus))
        {
            await transaction.InsertBusinessRowAsync("ping-1", "sent");
            await bus.PublishAsync(new Ping("ping-1"));
            await transaction.CommitAsync();
        }

        await Eventually.UntilAsync(() => Probe.Runs(nameof(Ping), "ping-1") == 1, "Ping over TCP handled");
        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).Outgoing == 0, "outbox row deleted after send");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
