using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Contracts.Generators.Analyzers;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Cli.Tests
{
    /// <summary>
    /// The build analyzer and <c>contracts check</c> give the same verdict on the same schemas: the same ids, severities,
    /// files, lines and columns (the build's message is the CLI's plus the fix hint or the accepted entry).
    /// </summary>
    public class BuildAndCheckAgreeTests : IDisposable
    {
        private readonly SchemaFolder _folder = new SchemaFolder();

        public void Dispose() => _folder.Dispose();

        private void Write(string name, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_folder.Root, name))!);
            _folder.Write(name, text);
        }

        private sealed class FileText(string path) : AdditionalText
        {
            public override string Path { get; } = path;

            public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
        }

        private sealed record Verdict(string Id, string Severity, string File, int Line, int Column, string Message);

        private List<Verdict> Check()
        {
            var result = _folder.Run("check", "--schemas", ".", "--format", "json");
            using var json = JsonDocument.Parse(result.Output);
            return json.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => new Verdict(f.GetProperty("ruleId").GetString()!, f.GetProperty("severity").GetString()!,
                    Path.GetFullPath(Path.Combine(_folder.Root, f.GetProperty("file").GetString()!)), f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32(),
                    f.GetProperty("message").GetString()!))
                .ToList();
        }

        private List<Verdict> Build()
        {
            var files = Directory.EnumerateFiles(_folder.Root, "*", SearchOption.AllDirectories).Select(p => (AdditionalText)new FileText(p)).ToImmutableArray();
            var compilation = CSharpCompilation.Create("Consumer", [], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var diagnostics = compilation.WithAnalyzers([new SchemaCompatibilityAnalyzer()], new AnalyzerOptions(files)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            return diagnostics.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                var severity = d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" };
                return new Verdict(d.Id, severity, Path.GetFullPath(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }).ToList();
        }

        /// <summary>Runs both, asserts the same verdicts, and returns them (ordered by file, line, id).</summary>
        private List<Verdict> AssertSameVerdict()
        {
            static string Key(Verdict v) => $"{v.Id} {v.Severity} {v.File}({v.Line},{v.Column})";
            var cli = Check().OrderBy(Key, StringComparer.Ordinal).ToList();
            var build = Build().OrderBy(Key, StringComparer.Ordinal).ToList();
            Assert.True(cli.Count > 0, "the case must produce findings");
            Assert.Equal(cli.Select(Key), build.Select(Key));
            for (var i = 0; i < cli.Count; i++) Assert.StartsWith(cli[i].Message, build[i].Message);
            return cli;
        }

        private const string OrderV1 = "{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop', 'fields': [\n  {'name': 'id', 'type': 'string'},\n  {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['NEW', 'PAID', 'CANCELLED']}}\n]}";
        private const string OrderV2 = "{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop', 'fields': [\n  {'name': 'id', 'type': 'long'},\n  {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['NEW', 'PAID']}},\n  {'name': 'currency', 'type': 'string'}\n]}";
        private const string RefundV1 = "{'type': 'record', 'name': 'RefundIssued', 'namespace': 'shop', 'fields': [\n  {'name': 'id', 'type': 'string'},\n  {'name': 'amount', 'type': 'long'}\n]}";
        private const string RefundV2 = "{'type': 'record', 'name': 'RefundIssued', 'namespace': 'shop', 'fields': [\n  {'name': 'id', 'type': 'string'}\n]}";
        private const string RefundV3 = "{'type': 'record', 'name': 'RefundIssued', 'namespace': 'shop', 'fields': [\n  {'name': 'id', 'type': 'string'},\n  {'name': 'amount', 'type': 'int'}\n]}";

        [Fact]
        public void several_breaks_in_several_subjects_modes_and_formats_get_the_same_verdict()
        {
            Write("orders/OrderPlaced.v1.avsc", OrderV1);
            Write("orders/OrderPlaced.v2.avsc", OrderV2);
            Write("refunds/contracts.settings.json", "{'compatibility': 'FULL_TRANSITIVE'}");
            Write("refunds/RefundIssued.v1.avsc", RefundV1);
            Write("refunds/RefundIssued.v2.avsc", RefundV2);
            Write("refunds/RefundIssued.v3.avsc", RefundV3);
            Write("payments/contracts.settings.json", "{'namespace': 'shop.payments'}");
            Write("payments/PaymentFailed.v1.schema.json", "{'title': 'PaymentFailed', 'type': 'object', 'properties': {'id': {'type': 'string'}}, 'additionalProperties': false}");
            Write("payments/PaymentFailed.v2.schema.json", "{'title': 'PaymentFailed', 'type': 'object',\n 'properties': {'id': {'type': 'string'}, 'reason': {'type': 'string'}},\n 'required': ['id', 'reason'], 'additionalProperties': false}");
            var verdicts = AssertSameVerdict();
            Assert.Contains(verdicts, v => v.Id == "CTR2001" && v.File.EndsWith("OrderPlaced.v2.avsc"));
            Assert.Contains(verdicts, v => v.Id == "CTR2002" && v.File.EndsWith("OrderPlaced.v2.avsc"));
            Assert.Contains(verdicts, v => v.Id == "CTR2005");
            Assert.Contains(verdicts, v => v.File.EndsWith("RefundIssued.v3.avsc"));
            Assert.Contains(verdicts, v => v.Id.StartsWith("CTR21") && v.File.EndsWith("PaymentFailed.v2.schema.json"));
        }

        [Fact]
        public void accepted_stale_and_invalid_accepted_breaks_get_the_same_verdict()
        {
            Write("orders/OrderPlaced.v1.avsc", OrderV1);
            Write("orders/OrderPlaced.v2.avsc", OrderV2);
            Write("orders/accepted-breaks.json", """
                {'acceptedBreaks': [
                  {'subject': 'shop.OrderPlaced', 'version': 2, 'rule': 'CTR2001', 'reason': 'no v1 data left', 'reviewedBy': 'alice', 'date': '2026-11-20'},
                  {'subject': 'shop.OrderPlaced', 'version': 2, 'rule': 'CTR2004', 'reason': 'stale', 'reviewedBy': 'alice', 'date': '2026-11-20'},
                  {'subject': 'shop.Gone', 'version': 2, 'rule': 'CTR2001', 'reason': 'no such subject', 'reviewedBy': 'alice', 'date': '2026-11-20'},
                  {'subject': 'shop.OrderPlaced', 'version': 2, 'rule': 'CTR2002'}
                ]}
                """);
            var verdicts = AssertSameVerdict();
            Assert.Contains(verdicts, v => v.Id == "CTR2901" && v.Severity == "info");
            Assert.Equal(2, verdicts.Count(v => v.Id == "CTR2902" && v.Severity == "warning"));
            Assert.Contains(verdicts, v => v.Id == "CTR2903" && v.File.EndsWith("accepted-breaks.json"));
            Assert.Contains(verdicts, v => v.Id == "CTR2002" && v.Severity == "error");
        }

        [Fact]
        public void edits_to_locked_versions_and_versions_missing_from_the_lock_get_the_same_verdict()
        {
            var refundV2WithDefault = RefundV2.Replace("{'name': 'id', 'type': 'string'}", "{'name': 'id', 'type': 'string'},\n  {'name': 'note', 'type': ['null', 'string'], 'default': null}").Replace('\'', '"');
            var published = SchemaRepository.Load([new SchemaFileText("refunds/RefundIssued.v1.avsc", RefundV1.Replace('\'', '"')), new SchemaFileText("orders/OrderPlaced.v1.avsc", OrderV1.Replace('\'', '"'))]);
            File.WriteAllText(Path.Combine(_folder.Root, SchemaLockFile.FileName), SchemaLockFile.From(published).ToJson());
            Write("orders/OrderPlaced.v1.avsc", OrderV1.Replace("'CANCELLED'", "'CANCELLED', 'REFUNDED'"));
            Write("refunds/RefundIssued.v1.avsc", RefundV1);
            Write("refunds/RefundIssued.v2.avsc", refundV2WithDefault);
            var verdicts = AssertSameVerdict();
            Assert.Contains(verdicts, v => v.Id == "CTR2801" && v.File.EndsWith("OrderPlaced.v1.avsc"));
            Assert.Contains(verdicts, v => v.Id == "CTR2806" && v.File.EndsWith("RefundIssued.v2.avsc"));
        }
    }
}
