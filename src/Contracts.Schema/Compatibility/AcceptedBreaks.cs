using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility
{
    /// <summary>
    /// One reviewed decision to ship an incompatible version: which subject and version, which rule (and
    /// optionally where), why, who reviewed it and when. It turns a matching incompatibility into
    /// information; it never hides it.
    /// </summary>
    /// <param name="Subject">The subject (e.g. the Avro full name <c>com.shop.OrderPlaced</c>).</param>
    /// <param name="Version">The version that introduces the break (the candidate of the check).</param>
    /// <param name="RuleId">The rule id it accepts, e.g. <c>CTR2005</c>.</param>
    /// <param name="Pointer">When given, only issues whose reader or writer pointer is this JSON pointer.</param>
    /// <param name="Reason">Why the break is acceptable.</param>
    /// <param name="ReviewedBy">Who reviewed it.</param>
    /// <param name="Date">When (<c>yyyy-MM-dd</c>).</param>
    /// <param name="Location">Where the entry stands in the accepted-breaks file.</param>
    public sealed record AcceptedBreak(string Subject, int Version, string RuleId, string? Pointer, string Reason, string ReviewedBy, string Date, SourceSpan Location)
    {
        /// <summary>True when this entry accepts <paramref name="issue"/> found while checking <paramref name="subject"/> version <paramref name="version"/>.</summary>
        public bool Matches(string subject, int version, CompatibilityIssue issue)
            => Version == version
               && string.Equals(Subject, subject, StringComparison.Ordinal)
               && string.Equals(RuleId, issue.RuleId, StringComparison.Ordinal)
               && (Pointer is null || Pointer == issue.ReaderPointer || Pointer == issue.WriterPointer);
    }

    /// <summary>
    /// The entries of an accepted-breaks file (<c>accepted-breaks.json</c>, kept next to the schemas).
    /// The caller reads the file; this type only parses its text.
    /// </summary>
    /// <example>
    /// <code>
    /// {
    ///   "acceptedBreaks": [
    ///     {
    ///       "subject": "com.shop.OrderPlaced",
    ///       "version": 3,
    ///       "rule": "CTR2005",
    ///       "pointer": "/fields/2/type/symbols",
    ///       "reason": "CANCELLED was never published; every consumer agreed in ADR-12",
    ///       "reviewedBy": "alice@shop.example",
    ///       "date": "2026-11-20"
    ///     }
    ///   ]
    /// }
    /// </code>
    /// </example>
    public sealed class AcceptedBreaks
    {
        /// <summary>The conventional file name.</summary>
        public const string FileName = "accepted-breaks.json";

        private static readonly Regex RuleIdPattern = new Regex("^CTR2[0-9]{3}$", RegexOptions.CultureInvariant);
        private static readonly Regex DatePattern = new Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> KnownMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "subject", "version", "rule", "pointer", "reason", "reviewedBy", "date",
        };

        private AcceptedBreaks(IReadOnlyList<AcceptedBreak> entries, IReadOnlyList<SchemaDiagnostic> diagnostics)
        {
            Entries = entries;
            Diagnostics = diagnostics;
        }

        /// <summary>No accepted breaks.</summary>
        public static AcceptedBreaks None { get; } = new AcceptedBreaks(Array.Empty<AcceptedBreak>(), Array.Empty<SchemaDiagnostic>());

        /// <summary>The valid entries, in file order.</summary>
        public IReadOnlyList<AcceptedBreak> Entries { get; }

        /// <summary>Problems in the file (<c>CTR2903</c>); an invalid entry is left out of <see cref="Entries"/>.</summary>
        public IReadOnlyList<SchemaDiagnostic> Diagnostics { get; }

        /// <summary>True when the file had errors.</summary>
        public bool HasErrors => Diagnostics.Count > 0;

        /// <summary>Builds a set from entries made in code.</summary>
        public static AcceptedBreaks From(IEnumerable<AcceptedBreak> entries) => new AcceptedBreaks(entries.ToArray(), Array.Empty<SchemaDiagnostic>());

        /// <summary>Every entry of several accepted-breaks files, in the order given; problems of every file in <see cref="Diagnostics"/>.</summary>
        public static AcceptedBreaks ParseAll(IEnumerable<Repository.SchemaFileText> files)
        {
            var entries = new List<AcceptedBreak>();
            var diagnostics = new List<SchemaDiagnostic>();
            foreach (var file in files)
            {
                var parsed = Parse(file.Text, file.Path);
                entries.AddRange(parsed.Entries);
                diagnostics.AddRange(parsed.Diagnostics);
            }
            return new AcceptedBreaks(entries, diagnostics);
        }

        /// <summary>True for a path named like an accepted-breaks file.</summary>
        public static bool IsAcceptedBreaksFile(string path)
        {
            var p = path.Replace('\\', '/');
            var name = p.Substring(p.LastIndexOf('/') + 1);
            return string.Equals(name, FileName, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Parses the text of an accepted-breaks file; <paramref name="path"/> names it in diagnostics.</summary>
        public static AcceptedBreaks Parse(string text, string path)
        {
            var diagnostics = new List<SchemaDiagnostic>();
            var entries = new List<AcceptedBreak>();
            void Error(SourceSpan at, string message)
                => diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidAcceptedBreaks, DiagnosticSeverity.Error, message, at.WithPath(path)));

            var json = JsonParser.Parse(text, path);
            if (json.Root is null)
            {
                Error(json.Error!.Location, json.Error.Message);
                return new AcceptedBreaks(entries, diagnostics);
            }
            var list = json.Root.Kind == JsonNodeKind.Object ? json.Root.Get("acceptedBreaks") : null;
            if (list is null || list.Kind != JsonNodeKind.Array)
            {
                Error(json.Root.Span, "an accepted-breaks file is an object with an \"acceptedBreaks\" array: {\"acceptedBreaks\": [{\"subject\": ..., \"version\": ..., \"rule\": ..., \"reason\": ..., \"reviewedBy\": ..., \"date\": ...}]}");
                return new AcceptedBreaks(entries, diagnostics);
            }
            foreach (var item in list.Items)
            {
                if (item.Kind != JsonNodeKind.Object)
                {
                    Error(item.Span, "each accepted break is an object");
                    continue;
                }
                var ok = true;
                foreach (var member in item.Members)
                {
                    if (!KnownMembers.Contains(member.Name))
                    {
                        Error(member.NameSpan, $"unknown member \"{member.Name}\"; an accepted break has subject, version, rule, pointer (optional), reason, reviewedBy and date");
                        ok = false;
                    }
                }
                string? Required(string name, string what)
                {
                    var value = item.Get(name);
                    if (value is { Kind: JsonNodeKind.String } && !string.IsNullOrWhiteSpace(value.Text)) return value.Text;
                    Error(value?.Span ?? item.Span, $"\"{name}\" is required: {what}");
                    ok = false;
                    return null;
                }
                var subject = Required("subject", "the subject whose version breaks compatibility");
                var rule = Required("rule", "the rule id that is accepted, e.g. \"CTR2005\"");
                var reason = Required("reason", "why the break is acceptable");
                var reviewedBy = Required("reviewedBy", "who reviewed the break");
                var date = Required("date", "when it was reviewed, as yyyy-MM-dd");
                if (rule is not null && !RuleIdPattern.IsMatch(rule))
                {
                    Error(item.Get("rule")!.Span, $"\"{rule}\" is not a compatibility rule id (CTR2001, CTR2002, ...)");
                    ok = false;
                }
                if (date is not null && !DatePattern.IsMatch(date))
                {
                    Error(item.Get("date")!.Span, $"\"{date}\" is not a date in the form yyyy-MM-dd");
                    ok = false;
                }
                var versionNode = item.Get("version");
                var version = 0;
                if (versionNode is null || !versionNode.TryGetInt64(out var rawVersion) || rawVersion < 1 || rawVersion > int.MaxValue)
                {
                    Error(versionNode?.Span ?? item.Span, "\"version\" is required: the version (1, 2, ...) that introduces the break");
                    ok = false;
                }
                else
                {
                    version = (int)rawVersion;
                }
                string? pointer = null;
                var pointerNode = item.Get("pointer");
                if (pointerNode is not null)
                {
                    if (pointerNode.Kind != JsonNodeKind.String || (pointerNode.Text!.Length > 0 && pointerNode.Text[0] != '/'))
                    {
                        Error(pointerNode.Span, "\"pointer\" is a JSON pointer such as \"/fields/2/type\" (or \"\" for the root)");
                        ok = false;
                    }
                    else
                    {
                        pointer = pointerNode.Text;
                    }
                }
                if (ok)
                {
                    entries.Add(new AcceptedBreak(subject!, version, rule!, pointer, reason!, reviewedBy!, date!, item.Span.WithPath(path)));
                }
            }
            return new AcceptedBreaks(entries, diagnostics);
        }
    }
}
