using System;
using System.Diagnostics;
using System.IO;

namespace Contracts.Cli.Tests
{
    /// <summary>
    /// A real git repository in a temporary folder (committer set locally, no signing), with a schemas folder,
    /// and the CLI run in it as CI would run it.
    /// </summary>
    internal sealed class GitRepository : IDisposable
    {
        private readonly SchemaFolder _folder = new SchemaFolder();

        public GitRepository(bool init = true)
        {
            if (!init) return;
            Git("init", "-q", "-b", "main");
            Git("config", "user.name", "Contracts Tests");
            Git("config", "user.email", "tests@contracts.invalid");
            Git("config", "commit.gpgsign", "false");
            Git("config", "tag.gpgsign", "false");
        }

        public string Root => _folder.Root;

        /// <summary>Writes a file under the repository (single quotes become double quotes).</summary>
        public string Write(string relativePath, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Root, relativePath))!);
            return _folder.Write(relativePath, text);
        }

        public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

        public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

        /// <summary>Stages everything and commits; returns the new commit id.</summary>
        public string Commit(string message)
        {
            Git("add", "-A");
            Git("commit", "-q", "-m", message);
            return Git("rev-parse", "HEAD").Trim();
        }

        /// <summary>Runs git in the repository and returns its output; a failure fails the test.</summary>
        public string Git(params string[] args)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(" ", args)} failed: {error.Result}");
            return output;
        }

        public CliResult Run(params string[] args) => _folder.Run(args);

        public CliResult RunProcess(params string[] args) => _folder.RunProcess(args);

        public void Dispose() => _folder.Dispose();
    }

    /// <summary>Schema texts for the end-to-end tests (single quotes stand for double quotes).</summary>
    internal static class Schemas
    {
        public const string OrderPlacedPath = "schemas/orders/OrderPlaced.v1.avsc";
        public const string OrderPlacedV2Path = "schemas/orders/OrderPlaced.v2.avsc";

        public const string OrderPlacedV1 = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop.orders', 'doc': 'A customer placed an order.',
 'fields': [
  {'name': 'orderId', 'type': 'string', 'doc': 'The order.'},
  {'name': 'amount', 'type': 'int', 'doc': 'Total in cents.'}
 ]}";

        /// <summary>v1 with other docs and whitespace: the same canonical form, so the same fingerprint.</summary>
        public const string OrderPlacedV1DocsOnly = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop.orders', 'doc': 'A customer placed an order (reworded).',
   'fields': [
     {'name': 'orderId', 'type': 'string', 'doc': 'The order id.'},
     {'name': 'amount',  'type': 'int',    'doc': 'Order total, in cents.'}
   ]}";

        /// <summary>v1 with amount widened to long: a real schema change.</summary>
        public const string OrderPlacedV1Edited = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop.orders', 'doc': 'A customer placed an order.',
 'fields': [
  {'name': 'orderId', 'type': 'string', 'doc': 'The order.'},
  {'name': 'amount', 'type': 'long', 'doc': 'Total in cents.'}
 ]}";

        /// <summary>Adds currency with a default: BACKWARD compatible.</summary>
        public const string OrderPlacedV2Compatible = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop.orders', 'doc': 'A customer placed an order.',
 'fields': [
  {'name': 'orderId', 'type': 'string', 'doc': 'The order.'},
  {'name': 'amount', 'type': 'int', 'doc': 'Total in cents.'},
  {'name': 'currency', 'type': 'string', 'default': 'EUR', 'doc': 'ISO 4217 code.'}
 ]}";

        /// <summary>Adds currency without a default: v2 cannot read v1 data (CTR2001).</summary>
        public const string OrderPlacedV2Breaking = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop.orders', 'doc': 'A customer placed an order.',
 'fields': [
  {'name': 'orderId', 'type': 'string', 'doc': 'The order.'},
  {'name': 'amount', 'type': 'int', 'doc': 'Total in cents.'},
  {'name': 'currency', 'type': 'string', 'doc': 'ISO 4217 code.'}
 ]}";

        public const string CustomerRegisteredV1 = @"{'type': 'record', 'name': 'CustomerRegistered', 'namespace': 'shop.customers', 'doc': 'A customer signed up.',
 'fields': [{'name': 'customerId', 'type': 'string', 'doc': 'The customer.'}]}";

        /// <summary>A JSON Schema subject, so both formats go through the check.</summary>
        public const string PaymentFailedV1 = @"{'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'PaymentFailed', 'description': 'A payment was declined.',
 'type': 'object', 'additionalProperties': false,
 'properties': {'paymentId': {'type': 'string', 'description': 'The payment.'}},
 'required': ['paymentId']}";

        public const string Settings = @"{'namespace': 'shop.payments'}";

        /// <summary>A history: main has OrderPlaced v1, CustomerRegistered v1 and PaymentFailed v1.</summary>
        public static void WriteBaseline(GitRepository repo)
        {
            repo.Write(OrderPlacedPath, OrderPlacedV1);
            repo.Write("schemas/customers/CustomerRegistered.v1.avsc", CustomerRegisteredV1);
            repo.Write("schemas/payments/PaymentFailed.v1.schema.json", PaymentFailedV1);
            repo.Write("schemas/payments/contracts.settings.json", Settings);
        }
    }
}
