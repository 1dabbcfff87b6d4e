using System;
using Contracts.Storage.Postgres.Transport;
using Npgsql;
using Wolverine;
using Wolverine.Configuration;

namespace Contracts.Storage.Postgres;

/// <summary>Wolverine configuration of the PostgreSQL queue transport: queues that are tables, shared by every service on the database.</summary>
public static class PostgresTransportExtensions
{
    /// <summary>
    /// Uses PostgreSQL tables as Wolverine queues (<c>pgqueue://name</c>), in <see cref="PostgresTransportOptions.SchemaName"/>
    /// of the database at <paramref name="connectionString"/>. Services that exchange messages point at the same database
    /// and schema. Without this call, queues use the PostgreSQL message store's database and the default settings.
    /// </summary>
    /// <param name="options">Wolverine's options.</param>
    /// <param name="connectionString">An Npgsql connection string; null uses the message store's (<c>PersistMessagesWithPostgres</c>).</param>
    /// <param name="configure">Optional settings: schema, polling, lease, notifications, provisioning, retries.</param>
    public static WolverineOptions UsePostgresTransport(this WolverineOptions options, string? connectionString,
        Action<PostgresTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = options.Transports.GetOrCreate<PostgresTransport>();
        transport.Options.ConnectionString = connectionString;
        configure?.Invoke(transport.Options);
        PostgresQueueNames.AssertSchemaName(transport.Options.SchemaName);
        if (transport.Options.LeaseDuration <= TimeSpan.Zero || transport.Options.PollingInterval <= TimeSpan.Zero)
        {
            throw new PostgresStoreException("The PostgreSQL transport's LeaseDuration and PollingInterval must be positive.");
        }

        if (transport.Options.ConnectionString is { } given)
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(given);
            }
            catch (ArgumentException e)
            {
                throw new PostgresStoreException(
                    $"The PostgreSQL transport's connection string is not valid: {e.Message} Use the Npgsql form 'Host=…;Port=5432;Database=…;Username=…;Password=…'.", e);
            }

            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new PostgresStoreException("The PostgreSQL transport's connection string names no Host. Use the Npgsql form 'Host=…;Port=5432;Database=…;Username=…;Password=…'.");
            }
        }

        return options;
    }

    /// <summary>
    /// Listens to the PostgreSQL queue <paramref name="queueName"/> (its table is created at startup). Any number of
    /// nodes and services may listen to one queue: each message goes to one of them; messages with the same
    /// <see cref="Envelope.GroupId"/> are handled one after the other, in the order they were sent.
    /// </summary>
    public static PostgresQueueListenerConfiguration ListenToPostgresQueue(this WolverineOptions options, string queueName)
    {
        ArgumentNullException.ThrowIfNull(options);
        PostgresQueueNames.AssertQueueName(queueName, "ListenToPostgresQueue");
        var queue = options.Transports.GetOrCreate<PostgresTransport>().Queue(queueName);
        queue.IsListener = true;
        return new PostgresQueueListenerConfiguration(queue);
    }

    /// <summary>Publishes the matching messages to the PostgreSQL queue <paramref name="queueName"/>.</summary>
    public static PostgresQueueSubscriberConfiguration ToPostgresQueue(this IPublishToExpression publishing, string queueName)
    {
        ArgumentNullException.ThrowIfNull(publishing);
        PostgresQueueNames.AssertQueueName(queueName, "ToPostgresQueue");
        if (publishing is not PublishingExpression expression)
        {
            throw new ArgumentException($"ToPostgresQueue needs Wolverine's own publishing expression, not {publishing.GetType().FullName}.", nameof(publishing));
        }

        var queue = expression.Parent.Transports.GetOrCreate<PostgresTransport>().Queue(queueName);
        publishing.To(queue.Uri);
        return new PostgresQueueSubscriberConfiguration(queue);
    }
}
