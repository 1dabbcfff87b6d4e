using System;
using Wolverine.Configuration;

namespace Contracts.Storage.Postgres;

/// <summary>
/// Listening to a PostgreSQL queue: Wolverine's usual endpoint settings (<c>UseDurableInbox()</c>, <c>BufferedInMemory()</c>,
/// <c>ProcessInline()</c>, <c>MaximumParallelMessages(n)</c>, <c>ListenerCount(n)</c>…) plus the queue's own.
/// </summary>
public sealed class PostgresQueueListenerConfiguration : ListenerConfiguration<PostgresQueueListenerConfiguration, PostgresQueue>
{
    internal PostgresQueueListenerConfiguration(PostgresQueue queue) : base(queue)
    {
    }

    /// <summary>How many messages one claim takes at most (default 20).</summary>
    public PostgresQueueListenerConfiguration ClaimBatchSize(int messages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        add(q => q.ClaimBatchSize = messages);
        return this;
    }

    /// <summary>How many claimed, unfinished messages one listener holds at most (default 100).</summary>
    public PostgresQueueListenerConfiguration MaximumInFlight(int messages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        add(q => q.MaximumInFlight = messages);
        return this;
    }

    /// <summary>How often this queue's idle listener polls without a notification (default: the transport's <c>PollingInterval</c>).</summary>
    public PostgresQueueListenerConfiguration PollingInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        add(q => q.PollingInterval = interval);
        return this;
    }
}

/// <summary>Publishing to a PostgreSQL queue: Wolverine's usual subscriber settings (<c>UseDurableOutbox()</c>, <c>BufferedInMemory()</c>, <c>SendInline()</c>…).</summary>
public sealed class PostgresQueueSubscriberConfiguration : SubscriberConfiguration<PostgresQueueSubscriberConfiguration, PostgresQueue>
{
    internal PostgresQueueSubscriberConfiguration(PostgresQueue queue) : base(queue)
    {
    }
}
