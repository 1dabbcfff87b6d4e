using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Reporting
{
    /// <summary>The JSON format: the verdict, counts and every finding with all its details, for tools.</summary>
    internal static class JsonReportWriter
    {
        public static void Write(Report report, TextWriter output)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("command", report.Command);
                json.WriteBoolean("success", !report.Failed);
                json.WriteNumber("errorCount", report.Count(DiagnosticSeverity.Error));
                json.WriteNumber("warningCount", report.Count(DiagnosticSeverity.Warning));
                json.WriteNumber("infoCount", report.Count(DiagnosticSeverity.Info));
                json.WriteString("summary", report.Summary);
                json.WriteStartArray("findings");
                foreach (var finding in report.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", finding.RuleId);
                    json.WriteString("severity", finding.SeverityName);
                    json.WriteString("title", finding.Title);
                    json.WriteString("message", finding.Message);
                    if (finding.Fix is null) json.WriteNull("fix");
                    else json.WriteString("fix", finding.Fix);
                    if (finding.Note is null) json.WriteNull("note");
                    else json.WriteString("note", finding.Note);
                    json.WriteString("file", finding.Path);
                    json.WriteNumber("line", finding.Line);
                    json.WriteNumber("column", finding.Column);
                    json.WriteNumber("endLine", finding.EndLine);
                    json.WriteNumber("endColumn", finding.EndColumn);
                    json.WriteString("helpUri", finding.HelpUri);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}
