using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Reporting
{
    /// <summary>
    /// SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) ingest: one run, the tool with every
    /// rule that fired (id, name, description, help URI, default level), and one result per finding with its
    /// physical location (relative URI, start line and column).
    /// </summary>
    internal static class SarifReportWriter
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        public static void Write(Report report, TextWriter output)
        {
            var rules = report.Findings.Select(f => f.RuleId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            var ruleIndex = rules.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("$schema", SchemaUri);
                json.WriteString("version", "2.1.0");
                json.WriteStartArray("runs");
                json.WriteStartObject();
                json.WriteStartObject("tool");
                json.WriteStartObject("driver");
                json.WriteString("name", "contracts");
                json.WriteString("informationUri", DiagnosticCatalog.HelpLinkBase.Replace("/blob/main/docs/diagnostics/", ""));
                json.WriteString("semanticVersion", ToolVersion());
                json.WriteStartArray("rules");
                foreach (var id in rules)
                {
                    var rule = DiagnosticCatalog.Get(id);
                    json.WriteStartObject();
                    json.WriteString("id", id);
                    json.WriteString("name", PascalName(rule.Title));
                    json.WriteStartObject("shortDescription");
                    json.WriteString("text", rule.Title);
                    json.WriteEndObject();
                    json.WriteString("helpUri", rule.HelpLink);
                    json.WriteStartObject("help");
                    json.WriteString("text", $"See {rule.HelpLink}");
                    json.WriteEndObject();
                    json.WriteStartObject("defaultConfiguration");
                    json.WriteString("level", Level(rule.DefaultSeverity));
                    json.WriteEndObject();
                    json.WriteStartObject("properties");
                    json.WriteString("category", rule.Category);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartArray("results");
                foreach (var finding in report.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", finding.RuleId);
                    json.WriteNumber("ruleIndex", ruleIndex[finding.RuleId]);
                    json.WriteString("level", Level(finding.Severity));
                    json.WriteStartObject("message");
                    var text = new StringBuilder(finding.Message);
                    if (finding.Fix is not null) text.Append(" Fix: ").Append(finding.Fix);
                    if (finding.Note is not null) text.Append(" (").Append(finding.Note).Append(')');
                    json.WriteString("text", text.ToString());
                    json.WriteEndObject();
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    json.WriteString("uri", Uri(finding.Path));
                    json.WriteEndObject();
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", finding.Line);
                    json.WriteNumber("startColumn", finding.Column);
                    if (finding.EndLine > finding.Line || (finding.EndLine == finding.Line && finding.EndColumn > finding.Column))
                    {
                        json.WriteNumber("endLine", finding.EndLine);
                        json.WriteNumber("endColumn", finding.EndColumn);
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }

        /// <summary>SARIF levels: error, warning, note.</summary>
        private static string Level(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };

        /// <summary>A relative path as a relative URI reference (code scanning resolves it against the checkout); an absolute one as a file URI.</summary>
        private static string Uri(string path)
        {
            if (Path.IsPathRooted(path)) return new Uri(path).AbsoluteUri;
            return string.Join("/", path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
        }

        private static string PascalName(string title)
            => string.Concat(title.Split(new[] { ' ', '-', '/' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
                .Where(w => w.Length > 0)
                .Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

        private static string ToolVersion()
        {
            var version = typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }
    }
}
