using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Compat
{
    /// <summary>The JSON output: the verdict and every issue with all its details, for tools and CI annotations.</summary>
    internal static class CompatJsonReport
    {
        public static void Write(TextWriter output, SubjectCompatibilityResult result, IReadOnlyList<string> files)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("subject", result.Subject);
                json.WriteString("mode", result.Mode.ToConfluentName());
                json.WriteBoolean("compatible", result.IsCompatible);
                json.WritePropertyName("candidate");
                WriteVersion(json, result.CandidateVersion, files);
                json.WriteStartArray("checkedAgainst");
                foreach (var version in result.CheckedAgainst) WriteVersion(json, version, files);
                json.WriteEndArray();
                json.WriteNumber("errorCount", result.Errors.Count);
                json.WriteNumber("acceptedCount", result.Accepted.Count);
                json.WriteStartArray("issues");
                foreach (var item in result.Issues) WriteIssue(json, item, files);
                json.WriteEndArray();
                json.WriteStartArray("staleAcceptedBreaks");
                for (var i = 0; i < result.StaleEntries.Count; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", DiagnosticCatalog.StaleAcceptedBreak);
                    json.WriteString("message", result.StaleWarnings[i].Message);
                    json.WritePropertyName("entry");
                    WriteEntry(json, result.StaleEntries[i]);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }

        private static void WriteVersion(Utf8JsonWriter json, int version, IReadOnlyList<string> files)
        {
            json.WriteStartObject();
            json.WriteNumber("version", version);
            if (version >= 1 && version <= files.Count) json.WriteString("file", files[version - 1]);
            json.WriteEndObject();
        }

        private static void WriteIssue(Utf8JsonWriter json, VersionedIssue item, IReadOnlyList<string> files)
        {
            var issue = item.Issue;
            json.WriteStartObject();
            json.WriteString("ruleId", issue.RuleId);
            json.WriteString("severity", item.IsAccepted ? "info" : "error");
            json.WriteString("title", DiagnosticCatalog.Get(issue.RuleId).Title);
            json.WriteString("message", issue.Message);
            json.WriteString("fix", item.Fix);
            json.WriteString("helpLink", DiagnosticCatalog.HelpLinkFor(issue.RuleId));
            json.WriteString("direction", item.Direction == CompatibilityDirection.Backward ? "backward" : "forward");
            json.WriteString("mode", item.Mode.ToConfluentName());
            json.WriteString("requirement", item.Requirement);
            json.WriteNumber("candidateVersion", item.CandidateVersion);
            json.WriteNumber("otherVersion", item.OtherVersion);
            json.WriteString("path", issue.Path);
            json.WritePropertyName("reader");
            WriteSide(json, item.ReaderVersion, issue.ReaderPointer, issue.ReaderLocation, issue.ReaderFragment, files);
            json.WritePropertyName("writer");
            WriteSide(json, item.WriterVersion, issue.WriterPointer, issue.WriterLocation, issue.WriterFragment, files);
            json.WritePropertyName("acceptedBy");
            if (item.AcceptedBy is null) json.WriteNullValue();
            else WriteEntry(json, item.AcceptedBy);
            json.WriteEndObject();
        }

        private static void WriteSide(Utf8JsonWriter json, int version, string pointer, SourceSpan? location, string? fragment, IReadOnlyList<string> files)
        {
            json.WriteStartObject();
            json.WriteNumber("version", version);
            json.WriteString("file", location?.Path ?? files[version - 1]);
            json.WriteString("pointer", pointer);
            if (location is null)
            {
                json.WriteNull("line");
                json.WriteNull("column");
            }
            else
            {
                json.WriteNumber("line", location.Line);
                json.WriteNumber("column", location.Column);
            }
            if (fragment is null) json.WriteNull("fragment");
            else json.WriteString("fragment", fragment);
            json.WriteEndObject();
        }

        private static void WriteEntry(Utf8JsonWriter json, AcceptedBreak entry)
        {
            json.WriteStartObject();
            json.WriteString("subject", entry.Subject);
            json.WriteNumber("version", entry.Version);
            json.WriteString("rule", entry.RuleId);
            if (entry.Pointer is null) json.WriteNull("pointer");
            else json.WriteString("pointer", entry.Pointer);
            json.WriteString("reason", entry.Reason);
            json.WriteString("reviewedBy", entry.ReviewedBy);
            json.WriteString("date", entry.Date);
            json.WriteString("file", entry.Location.Path);
            json.WriteNumber("line", entry.Location.Line);
            json.WriteNumber("column", entry.Location.Column);
            json.WriteEndObject();
        }
    }
}
