using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Contracts.Cli.Check;
using Contracts.Wolverine;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace Contracts.Cli.Operations
{
    /// <summary><c>contracts dlq list|show|requeue|discard</c>: the dead letters of a service's store.</summary>
    internal static class DlqCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var list = Sub("list", "List dead letters: id, failed at, message type, exception.", withId: false, (store, _, o) =>
            {
                var results = store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 1000, PageNumber = 1 }, default).GetAwaiter().GetResult();
                foreach (var dead in results.Envelopes)
                {
                    o.WriteLine($"{dead.Id:D}  {StoreConnection.Time(dead.FailedAt)}  {dead.MessageType}  {dead.ExceptionType}: {OneLine(dead.ExceptionMessage)}");
                }

                o.WriteLine($"{results.TotalCount} dead letter{(results.TotalCount == 1 ? "" : "s")}.");
                return ContractsCli.Success;
            }, output, error);
            var show = Sub("show", "Show one dead letter: envelope, headers, exception and body.", withId: true, (store, id, o) =>
            {
                var dead = store.DeadLetters.DeadLetterEnvelopeByIdAsync(id!.Value).GetAwaiter().GetResult() ?? throw NotFound(id.Value, store.Location);
                var envelope = dead.Envelope;
                o.WriteLine($"id:            {dead.Id:D}");
                o.WriteLine($"message type:  {dead.MessageType}");
                o.WriteLine($"received at:   {dead.ReceivedAt}");
                o.WriteLine($"source:        {dead.Source}");
                o.WriteLine($"sent at:       {StoreConnection.Time(dead.SentAt)}");
                o.WriteLine($"failed at:     {StoreConnection.Time(dead.FailedAt)}");
                o.WriteLine($"attempts:      {envelope.Attempts}");
                o.WriteLine($"exception:     {dead.ExceptionType}: {OneLine(dead.ExceptionMessage)}");
                o.WriteLine($"content type:  {envelope.ContentType ?? "-"}");
                foreach (var header in envelope.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
                {
                    o.WriteLine($"header:        {header.Key} = {header.Value}");
                }

                o.WriteLine($"body:          {Body(envelope.Data)}");
                return ContractsCli.Success;
            }, output, error);
            var requeue = Sub("requeue", "Move a dead letter (or --all) back to the inbox; the running service handles it again.", withId: true, (store, id, o) =>
            {
                var query = Query(store, id);
                store.DeadLetters.ReplayAsync(query, default).GetAwaiter().GetResult();
                o.WriteLine(id is null ? "Every dead letter was moved back to the inbox." : $"Dead letter {id:D} was moved back to the inbox; the service handles it on its next recovery pass.");
                return ContractsCli.Success;
            }, output, error);
            var discard = Sub("discard", "Delete a dead letter (or --all) for good.", withId: true, (store, id, o) =>
            {
                store.DeadLetters.DiscardAsync(Query(store, id), default).GetAwaiter().GetResult();
                o.WriteLine(id is null ? "Every dead letter was discarded." : $"Dead letter {id:D} was discarded.");
                return ContractsCli.Success;
            }, output, error);
            return new Command("dlq", "Dead letters of a service's store: list, show, requeue, discard.") { list, show, requeue, discard };
        }

        private static Command Sub(string name, string description, bool withId, Func<IStoreOperations, Guid?, TextWriter, int> run,
            TextWriter output, TextWriter error)
        {
            var store = new StoreOptions();
            var command = store.AddTo(new Command(name, description));
            Argument<string?>? id = null;
            Option<bool>? all = null;
            if (withId)
            {
                id = new Argument<string?>("id") { Description = "The dead letter's id (from 'contracts dlq list').", Arity = name == "show" ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne };
                command.Add(id);
                if (name != "show")
                {
                    all = new Option<bool>("--all") { Description = "Every dead letter." };
                    command.Add(all);
                }
            }

            command.SetAction(parsed => CommonOptions.Guard(error, () =>
            {
                Guid? guid = null;
                var text = id is null ? null : parsed.GetValue(id);
                if (text is not null)
                {
                    guid = Guid.TryParse(text, out var parsedId) ? parsedId : throw new InputError($"'{text}' is not a dead-letter id (a GUID from 'contracts dlq list').");
                }

                if (withId && name != "show" && guid is null && !parsed.GetValue(all!))
                {
                    throw new InputError($"name the dead letter to {name} (an id from 'contracts dlq list'), or pass --all.");
                }

                return store.Use(parsed, opened => run(opened, guid, output));
            }));
            return command;
        }

        private static DeadLetterEnvelopeQuery Query(IStoreOperations store, Guid? id)
        {
            if (id is null)
            {
                return new DeadLetterEnvelopeQuery { PageSize = int.MaxValue };
            }

            _ = store.DeadLetters.DeadLetterEnvelopeByIdAsync(id.Value).GetAwaiter().GetResult() ?? throw NotFound(id.Value, store.Location);
            return new DeadLetterEnvelopeQuery(new[] { id.Value });
        }

        private static InputError NotFound(Guid id, string path) => new($"no dead letter with id {id:D} in '{path}'.");

        private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

        private static string Body(byte[]? data)
        {
            if (data is null || data.Length == 0)
            {
                return "(empty)";
            }

            try
            {
                var text = new UTF8Encoding(false, true).GetString(data);
                if (text.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t'))
                {
                    return text;
                }
            }
            catch (DecoderFallbackException)
            {
                // binary (e.g. Avro): shown as hex below
            }

            return $"{data.Length} bytes: {Convert.ToHexString(data, 0, Math.Min(data.Length, 64))}{(data.Length > 64 ? "…" : "")}";
        }
    }
}
