using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JasperFx.Core;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;

namespace Contracts.Storage.Conformance;

/// <summary>
/// The store's contract with Wolverine, exercised through <see cref="IMessageStore"/> on a started host:
/// inbox, outbox, dead letters, scheduled messages and admin.
/// </summary>
public abstract class MessageStoreConformance : ConformanceTestBase
{
    private IMessageStore _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // These tests write rows with made-up owners straight into the store and assert who owns them; the host's
        // durability agent would recover unowned outgoing rows mid-test (the PostgreSQL run lost that race once), so
        // its first pass is pushed beyond the test.
        var host = await StartHostAsync(options => options.Durability.ScheduledJobFirstExecution = TimeSpan.FromHours(1));
        _store = host.Store();
    }

    [Fact]
    public async Task stored_incoming_envelope_exists_and_is_counted()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming, ownerId: 1);
        await _store.Inbox.StoreIncomingAsync(envelope);

        Assert.True(await _store.Inbox.ExistsAsync(envelope, CancellationToken.None));
        Assert.False(await _store.Inbox.ExistsAsync(NewEnvelope(EnvelopeStatus.Incoming), CancellationToken.None));
        var stored = Assert.Single(await _store.Admin.AllIncomingAsync());
        Assert.Equal(envelope.Id, stored.Id);
        Assert.Equal(envelope.Data, stored.Data);
        Assert.Equal(envelope.MessageType, stored.MessageType);
        Assert.Equal(1, stored.OwnerId);
        Assert.Equal(1, (await _store.Admin.FetchCountsAsync()).Incoming);
    }

    [Fact]
    public async Task storing_an_incoming_id_twice_raises_duplicate_envelope()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming);
        await _store.Inbox.StoreIncomingAsync(envelope);

        var error = await Assert.ThrowsAsync<DuplicateIncomingEnvelopeException>(() => _store.Inbox.StoreIncomingAsync(envelope));
        Assert.Equal(envelope.Id, Assert.Single(error.Duplicates).Id);
        Assert.Single(await _store.Admin.AllIncomingAsync());
    }

    [Fact]
    public async Task storing_a_batch_reports_only_the_real_duplicates_and_keeps_the_rest()
    {
        var existing = NewEnvelope(EnvelopeStatus.Incoming);
        await _store.Inbox.StoreIncomingAsync(existing);
        var fresh1 = NewEnvelope(EnvelopeStatus.Incoming);
        var fresh2 = NewEnvelope(EnvelopeStatus.Incoming);

        var error = await Assert.ThrowsAsync<DuplicateIncomingEnvelopeException>(
            () => _store.Inbox.StoreIncomingAsync(new[] { fresh1, existing, fresh2 }));

        Assert.Equal(existing.Id, Assert.Single(error.Duplicates).Id);
        var ids = (await _store.Admin.AllIncomingAsync()).Select(e => e.Id).ToHashSet();
        Assert.Equal(new[] { existing.Id, fresh1.Id, fresh2.Id }.ToHashSet(), ids);
        // Wolverine's receiver then stores the batch one by one and skips what is marked as stored: unmarked, the two
        // fresh envelopes would be taken for duplicates and never handled.
        Assert.True(fresh1.WasPersistedInInbox);
        Assert.True(fresh2.WasPersistedInInbox);
    }

    [Fact]
    public async Task a_handled_envelope_still_exists_and_counts_as_handled_until_it_expires()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming, ownerId: 1);
        await _store.Inbox.StoreIncomingAsync(envelope);

        await _store.Inbox.MarkIncomingEnvelopeAsHandledAsync(envelope);

        Assert.True(await _store.Inbox.ExistsAsync(envelope, CancellationToken.None));
        var counts = await _store.Admin.FetchCountsAsync();
        Assert.Equal(0, counts.Incoming);
        Assert.Equal(1, counts.Handled);
        await Assert.ThrowsAsync<DuplicateIncomingEnvelopeException>(() => _store.Inbox.StoreIncomingAsync(envelope));

        await _store.Admin.DeleteAllHandledAsync();
        Assert.False(await _store.Inbox.ExistsAsync(envelope, CancellationToken.None));
    }

    [Fact]
    public async Task attempts_are_counted_and_a_retry_reschedules_the_envelope()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming, ownerId: 1);
        await _store.Inbox.StoreIncomingAsync(envelope);
        envelope.Attempts = 2;
        await _store.Inbox.IncrementIncomingEnvelopeAttemptsAsync(envelope);
        Assert.Equal(2, Assert.Single(await _store.Admin.AllIncomingAsync()).Attempts);

        var retryAt = DateTimeOffset.UtcNow.AddHours(1);
        envelope.ScheduledTime = retryAt;
        await _store.Inbox.RescheduleExistingEnvelopeForRetryAsync(envelope);

        var stored = Assert.Single(await _store.Admin.AllIncomingAsync());
        Assert.Equal(EnvelopeStatus.Scheduled, stored.Status);
        Assert.Equal(0, stored.OwnerId);
        Assert.Equal(retryAt.ToUnixTimeMilliseconds(), stored.ScheduledTime!.Value.ToUnixTimeMilliseconds());
        var counts = await _store.Admin.FetchCountsAsync();
        Assert.Equal(1, counts.Scheduled);
        Assert.Equal(0, counts.ScheduledDue);
    }

    [Fact]
    public async Task a_dead_letter_keeps_the_exception_and_can_be_found_queried_and_summarized()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming);
        await _store.Inbox.StoreIncomingAsync(envelope);

        await _store.Inbox.MoveToDeadLetterStorageAsync(envelope, new CardDeclinedException("card 42 declined"));

        Assert.Empty(await _store.Admin.AllIncomingAsync());
        var dead = await _store.DeadLetters.DeadLetterEnvelopeByIdAsync(envelope.Id);
        Assert.NotNull(dead);
        Assert.Equal(typeof(CardDeclinedException).FullName, dead.ExceptionType);
        Assert.Equal("card 42 declined", dead.ExceptionMessage);
        Assert.Equal(envelope.MessageType, dead.MessageType);
        Assert.Equal(envelope.Destination!.ToString(), dead.ReceivedAt);
        Assert.Equal(envelope.Data, dead.Envelope.Data);

        var byType = await _store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { ExceptionType = typeof(CardDeclinedException).FullName }, CancellationToken.None);
        Assert.Equal(1, byType.TotalCount);
        Assert.Equal(envelope.Id, Assert.Single(byType.Envelopes).Id);
        var byPrefix = await _store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { ExceptionMessage = "card 42" }, CancellationToken.None);
        Assert.Single(byPrefix.Envelopes);
        var none = await _store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { MessageType = "other.message" }, CancellationToken.None);
        Assert.Equal(0, none.TotalCount);

        var summary = Assert.Single(await _store.DeadLetters.SummarizeAllAsync("conformance", TimeRange.AllTime(), CancellationToken.None));
        Assert.Equal(1, summary.Count);
        Assert.Equal(envelope.MessageType, summary.MessageType);
        Assert.Equal(1, (await _store.Admin.FetchCountsAsync()).DeadLetter);
    }

    [Fact]
    public async Task dead_letters_are_paged()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.Inbox.MoveToDeadLetterStorageAsync(NewEnvelope(EnvelopeStatus.Incoming), new CardDeclinedException("declined " + i));
        }

        var page1 = await _store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageNumber = 1, PageSize = 2 }, CancellationToken.None);
        var page3 = await _store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageNumber = 3, PageSize = 2 }, CancellationToken.None);
        Assert.Equal(5, page1.TotalCount);
        Assert.Equal(2, page1.Envelopes.Count);
        Assert.Single(page3.Envelopes);
    }

    [Fact]
    public async Task replaying_a_dead_letter_puts_it_back_in_the_inbox_with_attempts_reset()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming);
        envelope.Attempts = 3;
        await _store.Inbox.MoveToDeadLetterStorageAsync(envelope, new CardDeclinedException("declined"));

        await _store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery(new[] { envelope.Id }), CancellationToken.None);

        Assert.Null(await _store.DeadLetters.DeadLetterEnvelopeByIdAsync(envelope.Id));
        var back = Assert.Single(await _store.Admin.AllIncomingAsync());
        Assert.Equal(envelope.Id, back.Id);
        Assert.Equal(EnvelopeStatus.Incoming, back.Status);
        Assert.Equal(0, back.Attempts);
        Assert.Equal(0, back.OwnerId);
    }

    [Fact]
    public async Task edit_and_replay_requeues_the_new_body()
    {
        var envelope = NewEnvelope(EnvelopeStatus.Incoming);
        await _store.Inbox.MoveToDeadLetterStorageAsync(envelope, new CardDeclinedException("declined"));

        await _store.DeadLetters.EditAndReplayAsync(envelope.Id, new byte[] { 9, 9 }, CancellationToken.None);

        var back = Assert.Single(await _store.Admin.AllIncomingAsync());
        Assert.Equal(new byte[] { 9, 9 }, back.Data);
        Assert.Equal(0, (await _store.Admin.FetchCountsAsync()).DeadLetter);
    }

    [Fact]
    public async Task discarding_dead_letters_removes_only_the_matching_ones()
    {
        var keep = NewEnvelope(EnvelopeStatus.Incoming);
        var drop = NewEnvelope(EnvelopeStatus.Incoming);
        await _store.Inbox.MoveToDeadLetterStorageAsync(keep, new InvalidOperationException("keep me"));
        await _store.Inbox.MoveToDeadLetterStorageAsync(drop, new CardDeclinedException("drop me"));

        await _store.DeadLetters.DiscardAsync(new DeadLetterEnvelopeQuery { ExceptionType = typeof(CardDeclinedException).FullName }, CancellationToken.None);

        Assert.NotNull(await _store.DeadLetters.DeadLetterEnvelopeByIdAsync(keep.Id));
        Assert.Null(await _store.DeadLetters.DeadLetterEnvelopeByIdAsync(drop.Id));
    }

    [Fact]
    public async Task outgoing_envelopes_are_stored_loaded_deleted_and_reassigned()
    {
        var destination = "tcp://localhost:1/";
        var mine = NewEnvelope(EnvelopeStatus.Outgoing, destination);
        var orphan1 = NewEnvelope(EnvelopeStatus.Outgoing, destination);
        var orphan2 = NewEnvelope(EnvelopeStatus.Outgoing, destination);
        await _store.Outbox.StoreOutgoingAsync(mine, 5);
        await _store.Outbox.StoreOutgoingAsync(new[] { orphan1, orphan2 }, 0);
        Assert.Equal(3, (await _store.Admin.FetchCountsAsync()).Outgoing);

        var unowned = await _store.Outbox.LoadOutgoingAsync(new Uri(destination));
        Assert.Equal(new[] { orphan1.Id, orphan2.Id }.ToHashSet(), unowned.Select(e => e.Id).ToHashSet());
        Assert.Equal(orphan1.Data, unowned.Single(e => e.Id == orphan1.Id).Data);

        await _store.Outbox.DiscardAndReassignOutgoingAsync(new[] { orphan1 }, new[] { orphan2 }, 7);
        var all = await _store.Admin.AllOutgoingAsync();
        Assert.DoesNotContain(all, e => e.Id == orphan1.Id);
        Assert.Equal(7, all.Single(e => e.Id == orphan2.Id).OwnerId);

        await _store.Outbox.DeleteOutgoingAsync(mine);
        await _store.Outbox.DeleteOutgoingAsync(new[] { orphan2 });
        Assert.Empty(await _store.Admin.AllOutgoingAsync());
    }

    [Fact]
    public async Task scheduled_messages_can_be_queried_rescheduled_and_cancelled()
    {
        var later = NewEnvelope(EnvelopeStatus.Scheduled);
        later.ScheduledTime = DateTimeOffset.UtcNow.AddHours(1);
        var evenLater = NewEnvelope(EnvelopeStatus.Scheduled);
        evenLater.MessageType = "conformance.other";
        evenLater.ScheduledTime = DateTimeOffset.UtcNow.AddHours(2);
        await _store.Inbox.ScheduleExecutionAsync(later);
        await _store.Inbox.ScheduleExecutionAsync(evenLater);

        var all = await _store.ScheduledMessages.QueryAsync(new ScheduledMessageQuery(), CancellationToken.None);
        Assert.Equal(2, all.TotalCount);
        Assert.Equal(later.Id, all.Messages[0].Id);
        var summary = await _store.ScheduledMessages.SummarizeAsync("conformance", CancellationToken.None);
        Assert.Equal(2, summary.Count);

        var newTime = DateTimeOffset.UtcNow.AddHours(3);
        await _store.ScheduledMessages.RescheduleAsync(later.Id, newTime, CancellationToken.None);
        var ordered = await _store.ScheduledMessages.QueryAsync(new ScheduledMessageQuery(), CancellationToken.None);
        Assert.Equal(evenLater.Id, ordered.Messages[0].Id);
        Assert.Equal(newTime.ToUnixTimeMilliseconds(), ordered.Messages[1].ScheduledTime!.Value.ToUnixTimeMilliseconds());

        await _store.ScheduledMessages.CancelAsync(new ScheduledMessageQuery { MessageType = "conformance.other" }, CancellationToken.None);
        var left = await _store.ScheduledMessages.QueryAsync(new ScheduledMessageQuery(), CancellationToken.None);
        Assert.Equal(later.Id, Assert.Single(left.Messages).Id);
    }

    [Fact]
    public async Task releasing_ownership_makes_envelopes_unowned()
    {
        await _store.Inbox.StoreIncomingAsync(NewEnvelope(EnvelopeStatus.Incoming, ownerId: 3));
        await _store.Inbox.StoreIncomingAsync(NewEnvelope(EnvelopeStatus.Incoming, ownerId: 4));
        await _store.Outbox.StoreOutgoingAsync(NewEnvelope(EnvelopeStatus.Outgoing, "tcp://localhost:1/"), 3);

        await _store.Admin.ReleaseAllOwnershipAsync(3);
        var incoming = await _store.Admin.AllIncomingAsync();
        Assert.Equal(new[] { 0, 4 }, incoming.Select(e => e.OwnerId).Order().ToArray());
        Assert.Equal(0, Assert.Single(await _store.Admin.AllOutgoingAsync()).OwnerId);

        await _store.Admin.ReleaseAllOwnershipAsync();
        Assert.All(await _store.Admin.AllIncomingAsync(), e => Assert.Equal(0, e.OwnerId));
    }

    [Fact]
    public async Task clear_and_rebuild_leave_an_empty_working_store()
    {
        await _store.Inbox.StoreIncomingAsync(NewEnvelope(EnvelopeStatus.Incoming));
        await _store.Outbox.StoreOutgoingAsync(NewEnvelope(EnvelopeStatus.Outgoing, "tcp://localhost:1/"), 1);
        await _store.Inbox.MoveToDeadLetterStorageAsync(NewEnvelope(EnvelopeStatus.Incoming), new CardDeclinedException("x"));

        await _store.Admin.ClearAllAsync();
        var cleared = await _store.Admin.FetchCountsAsync();
        Assert.Equal(0, cleared.Incoming + cleared.Outgoing + cleared.DeadLetter);

        await _store.Inbox.StoreIncomingAsync(NewEnvelope(EnvelopeStatus.Incoming));
        await _store.Admin.RebuildAsync();
        Assert.Equal(0, (await _store.Admin.FetchCountsAsync()).Incoming);
        await _store.Inbox.StoreIncomingAsync(NewEnvelope(EnvelopeStatus.Incoming));
        Assert.Equal(1, (await _store.Admin.FetchCountsAsync()).Incoming);
        await _store.Admin.CheckConnectivityAsync(CancellationToken.None);
    }

    [Fact]
    public void the_store_uri_uses_the_wolverinedb_scheme()
    {
        Assert.Equal("wolverinedb", _store.Uri.Scheme);
    }
}
