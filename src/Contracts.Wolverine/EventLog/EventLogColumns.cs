namespace Contracts.Wolverine.EventLog;

/// <summary>
/// The column lists of the event-log and subscription tables, the same in every store (only the column types differ
/// by dialect); read in this order into <see cref="EventLogRecord"/> and <see cref="Replay.SubscriptionState"/>.
/// </summary>
internal static class EventLogColumns
{
    public const string Log =
        "position, stream_key, stream_seq, subject, version, fingerprint, format, payload, message_id, causation_id, correlation_id, traceparent, headers, recorded_at";

    public const string Subscriptions =
        "name, position, status, suppress_until, updated_at, replay_state, replay_from, replay_to, replay_side_effects, replay_requested_at, " +
        "replay_started_at, replay_finished_at, replay_read, replay_applied, replay_skipped, replay_error";
}
