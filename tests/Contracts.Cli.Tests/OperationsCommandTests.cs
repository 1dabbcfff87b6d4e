using System;
using System.IO;
using Contracts.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace Contracts.Cli.Tests
{
    /// <summary><c>contracts log</c>, <c>replay</c> (dry run, requests, errors) and <c>dlq</c> on a real store file.</summary>
    public sealed class OperationsCommandTests : IDisposable
    {
        private readonly SchemaFolder _folder = new();
        private readonly string _database;

        public OperationsCommandTests()
        {
            _database = Path.Combine(_folder.Root, "service.db");
            SqliteStoreOperations.Open("Data Source=" + _database, create: true).DisposeAsync().AsTask().GetAwaiter().GetResult();
            Execute("INSERT INTO contracts_subscriptions (name, position, status, suppress_until, updated_at) VALUES ('balances', 2, 'running', 0, 0);");
            for (var i = 1; i <= 5; i++)
            {
                var key = i <= 3 ? "acct-1" : "acct-2";
                var seq = i <= 3 ? i : i - 3;
                var version = i % 2 == 0 ? 1 : 3;
                Execute("INSERT INTO contracts_event_log (stream_key, stream_seq, subject, version, fingerprint, format, payload, message_id, recorded_at) " +
                        $"VALUES ('{key}', {seq}, 'bank.AccountCredited', {version}, 42, 'avro', x'0102', '{Guid.NewGuid():D}', {1_700_000_000_000 + i * 1000});");
            }
        }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }

        [Fact]
        public void log_stats_counts_events_per_subject_version_and_streams()
        {
            var result = _folder.Run("log", "stats", "--connection", "Data Source=" + _database);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("events: 5  head: 5  streams: 2", result.Output, StringComparison.Ordinal);
            Assert.Contains("bank.AccountCredited v1 (avro): 2", result.Output, StringComparison.Ordinal);
            Assert.Contains("bank.AccountCredited v3 (avro): 3", result.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void log_tail_shows_the_newest_events_of_a_stream()
        {
            var result = _folder.Run("log", "tail", "-c", _database, "-n", "2", "--stream", "acct-1");

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(2, result.OutputLines.Length - 2);
            Assert.Contains("acct-1", result.OutputLines[1], StringComparison.Ordinal);
            Assert.Contains("2 events shown; head is position 5.", result.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void replay_dry_run_counts_the_range_and_changes_nothing()
        {
            var result = _folder.Run("replay", "--subscription", "balances", "-c", _database, "--from", "2", "--to", "4", "--dry-run");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("would replay 3 events into 'balances' (checkpoint now 2), positions 2..4", result.Output, StringComparison.Ordinal);
            Assert.Contains("bank.AccountCredited v1: 2", result.Output, StringComparison.Ordinal);
            Assert.Equal("2|", Scalar("SELECT position || '|' || coalesce(replay_state, '') FROM contracts_subscriptions;"));
        }

        [Fact]
        public void replay_with_no_running_service_records_the_request_and_says_nobody_picked_it_up()
        {
            var result = _folder.Run("replay", "-s", "balances", "-c", _database, "--since", "2023-11-14T22:13:23Z", "--timeout", "1");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("no running service picked up the replay of 'balances' within 1 s", result.Error, StringComparison.Ordinal);
            Assert.Equal("requested|3", Scalar("SELECT replay_state || '|' || replay_from FROM contracts_subscriptions;"));
        }

        [Theory]
        [InlineData("no subscription named 'nope'", "replay", "-s", "nope", "-c", "{db}")]
        [InlineData("give --from or --since, not both", "replay", "-s", "balances", "-c", "{db}", "--from", "1", "--since", "2024-01-01")]
        [InlineData("is neither a position nor an ISO 8601 time", "replay", "-s", "balances", "-c", "{db}", "--to", "yesterday")]
        [InlineData("There is no database file at", "log", "stats", "-c", "Data Source=missing.db")]
        [InlineData("Cannot reach PostgreSQL at 127.0.0.1:1", "log", "stats", "-c", "Host=127.0.0.1;Port=1;Database=shop;Username=ops")]
        [InlineData("--schema is for a PostgreSQL store", "log", "stats", "-c", "{db}", "--schema", "orders")]
        [InlineData("--shared-schema is for a PostgreSQL store", "dlq", "list", "-c", "{db}", "--shared-schema", "shop_events")]
        [InlineData("not a dead-letter id", "dlq", "show", "xyz", "-c", "{db}")]
        [InlineData("or pass --all", "dlq", "discard", "-c", "{db}")]
        public void bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
        {
            var result = _folder.Run(Array.ConvertAll(args, a => a.Replace("{db}", _database, StringComparison.Ordinal)));

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        }

        [Fact]
        public void dlq_lists_shows_requeues_and_discards_dead_letters()
        {
            var first = DeadLetter("{\"orderId\":\"o-1\"}");
            var second = DeadLetter("{\"orderId\":\"o-2\"}");

            var list = _folder.Run("dlq", "list", "-c", _database);
            Assert.Equal(0, list.ExitCode);
            Assert.Contains($"{first:D}", list.Output, StringComparison.Ordinal);
            Assert.Contains("2 dead letters.", list.Output, StringComparison.Ordinal);

            var show = _folder.Run("dlq", "show", $"{first:D}", "-c", _database);
            Assert.Equal(0, show.ExitCode);
            Assert.Contains("System.InvalidOperationException: card declined", show.Output, StringComparison.Ordinal);
            Assert.Contains("body:          {\"orderId\":\"o-1\"}", show.Output, StringComparison.Ordinal);

            Assert.Equal(0, _folder.Run("dlq", "requeue", $"{first:D}", "-c", _database).ExitCode);
            Assert.Equal("1", Scalar($"SELECT count(*) FROM wolverine_incoming WHERE id = '{first:D}' AND status = 'Incoming' AND owner_id = 0;"));
            Assert.Equal(0, _folder.Run("dlq", "discard", $"{second:D}", "-c", _database).ExitCode);
            Assert.Equal("0", Scalar("SELECT count(*) FROM wolverine_dead_letters;"));
            Assert.Equal(2, _folder.Run("dlq", "show", $"{second:D}", "-c", _database).ExitCode);
        }

        private Guid DeadLetter(string body)
        {
            var envelope = new Envelope
            {
                Data = System.Text.Encoding.UTF8.GetBytes(body),
                MessageType = "shop.orders.PlaceOrder",
                ContentType = "application/json",
                Destination = new Uri("local://orders"),
            };
            using var connection = new SqliteConnection("Data Source=" + _database);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO wolverine_dead_letters (id, body, message_type, received_at, source, exception_type, exception_message, sent_at, failed_at) " +
                                  "VALUES (@id, @body, @type, 'local://orders', 'shop', 'System.InvalidOperationException', 'card declined', 0, 0);";
            command.Parameters.AddWithValue("@id", envelope.Id.ToString("D"));
            command.Parameters.AddWithValue("@body", EnvelopeSerializer.Serialize(envelope));
            command.Parameters.AddWithValue("@type", envelope.MessageType);
            command.ExecuteNonQuery();
            return envelope.Id;
        }

        private void Execute(string sql)
        {
            using var connection = new SqliteConnection("Data Source=" + _database);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private string? Scalar(string sql)
        {
            using var connection = new SqliteConnection("Data Source=" + _database);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
