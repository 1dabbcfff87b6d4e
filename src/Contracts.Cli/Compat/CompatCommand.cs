using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Json;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Cli.Compat
{
    /// <summary><c>contracts compat</c>: is the last schema of a subject's history compatible with the earlier ones?</summary>
    internal static class CompatCommand
    {
        /// <summary>The one-line description (command lists).</summary>
        public const string Summary = "Check that a new schema version is compatible with the earlier versions of its subject.";

        /// <summary>The details shown after <c>contracts compat --help</c>.</summary>
        public const string Details = @"Give one subject's schema files oldest first; the last file is the candidate. The format comes from the
extension: .avsc is Avro, .json is JSON Schema. File names are free.

Modes (Confluent Schema Registry's meaning; the default is backward):
  none                   no check
  backward               the candidate reads data written with the previous version
  backward_transitive    the candidate reads data written with every earlier version
  forward                the previous version reads data written with the candidate
  forward_transitive     every earlier version reads data written with the candidate
  full                   backward and forward against the previous version
  full_transitive        backward and forward against every earlier version

With two files and --mode backward, the first is the writer and the second the reader.

Deliberate breaks: an accepted-breaks.json next to the candidate (or --accepted-breaks FILE) lists
reviewed entries (subject, version, rule, optional pointer, reason, reviewedBy, date); a matching
incompatibility is reported as information and does not fail the check. See docs/compatibility.md.

Exit codes: 0 compatible, 1 incompatible, 2 usage error or unreadable/invalid schema.

Examples:
  contracts compat OrderPlaced.v1.avsc OrderPlaced.v2.avsc
  contracts compat --mode full_transitive v1.avsc v2.avsc v3.avsc
  contracts compat --format json old.avsc new.avsc";

        public static Command Create(TextWriter output, TextWriter error)
        {
            var mode = new Option<string>("--mode", "-m")
            {
                Description = "Compatibility mode: none, backward, backward_transitive, forward, forward_transitive, full, full_transitive.",
                DefaultValueFactory = _ => "backward",
                HelpName = "mode",
            };
            var policy = new Option<string>("--policy")
            {
                Description = "JSON Schema policy for open content models: strict (Confluent's default) or lenient. Not used for Avro.",
                DefaultValueFactory = _ => "strict",
            };
            policy.AcceptOnlyFromAmong("strict", "lenient");
            var format = new Option<string>("--format")
            {
                Description = "Output: text (one line per issue, MSBuild style) or json (every detail, for tools).",
                DefaultValueFactory = _ => "text",
            };
            format.AcceptOnlyFromAmong("text", "json");
            var acceptedBreaks = new Option<string?>("--accepted-breaks")
            {
                Description = $"Accepted-breaks file. Default: {AcceptedBreaks.FileName} next to the candidate, when it exists.",
                HelpName = "file",
            };
            var subject = new Option<string?>("--subject")
            {
                Description = "Subject name used to match accepted breaks. Default: the candidate's Avro full name (or its file name).",
                HelpName = "name",
            };
            var files = new Argument<string[]>("schema-file")
            {
                Description = "The subject's schema files, oldest first; the last one is the candidate.",
                Arity = ArgumentArity.OneOrMore,
            };
            var command = new Command("compat", Summary) { mode, policy, format, acceptedBreaks, subject, files };
            command.SetAction(parsed => new CompatRun(output, error).Execute(
                parsed.GetValue(mode)!,
                parsed.GetValue(policy) == "lenient" ? JsonSchemaPolicy.Lenient : JsonSchemaPolicy.Strict,
                parsed.GetValue(format) == "json",
                parsed.GetValue(acceptedBreaks),
                parsed.GetValue(subject),
                parsed.GetValue(files) ?? Array.Empty<string>()));
            return command;
        }
    }

    /// <summary>One run of <c>contracts compat</c>.</summary>
    internal sealed class CompatRun
    {
        private readonly TextWriter _output;
        private readonly TextWriter _error;

        public CompatRun(TextWriter output, TextWriter error)
        {
            _output = output;
            _error = error;
        }

        private int Usage(string message)
        {
            _error.WriteLine("error: " + message);
            return ContractsCli.UsageError;
        }

        public int Execute(string modeText, JsonSchemaPolicy policy, bool json, string? acceptedBreaksPath, string? subjectOption, IReadOnlyList<string> files)
        {
            if (!CompatibilityModes.TryParse(modeText, out var mode))
            {
                return Usage($"unknown mode '{modeText}'; use none, backward, backward_transitive, forward, forward_transitive, full or full_transitive");
            }
            if (files.Count == 0) return Usage("give at least one schema file (oldest first; the last one is the candidate)");

            var formats = files.Select(FormatOf).ToArray();
            for (var i = 0; i < files.Count; i++)
            {
                if (formats[i] is null) return Usage($"cannot tell the schema format of '{files[i]}': use the extension .avsc (Avro) or .json (JSON Schema)");
            }
            if (formats.Distinct().Count() > 1) return Usage("the files mix Avro (.avsc) and JSON Schema (.json); one subject's history uses one format");

            var texts = new List<string>(files.Count);
            foreach (var file in files)
            {
                var text = ReadText(file, out var problem);
                if (text is null) return Usage(problem!);
                texts.Add(text);
            }

            var parsed = new List<CheckableSchema>(files.Count);
            var invalid = false;
            for (var i = 0; i < files.Count; i++)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(files[i])) ?? "";
                var result = SchemaCompatibility.Prepare(formats[i]!.Value, files[i], texts[i], reference => ReadSibling(folder, reference));
                foreach (var diagnostic in result.Diagnostics) _error.WriteLine(diagnostic.ToString());
                invalid |= result.Schema is null;
                if (result.Schema is not null) parsed.Add(result.Schema);
            }
            if (invalid)
            {
                _error.WriteLine("error: a schema is invalid (see above); fix it before checking compatibility");
                return ContractsCli.UsageError;
            }

            var accepted = LoadAcceptedBreaks(acceptedBreaksPath, files[files.Count - 1], out var acceptedFailure);
            if (accepted is null) return acceptedFailure;

            var candidate = parsed[parsed.Count - 1];
            var subject = subjectOption ?? SubjectOf(candidate) ?? FileStem(files[files.Count - 1]);
            var check = SubjectCompatibility.CheckCandidate(subject, parsed, mode, SchemaCompatibility.Checker(policy), accepted);

            if (json) CompatJsonReport.Write(_output, check, files);
            else CompatTextReport.Write(_output, check, files);
            return check.IsCompatible ? ContractsCli.Success : ContractsCli.CheckFailed;
        }

        private AcceptedBreaks? LoadAcceptedBreaks(string? explicitPath, string candidateFile, out int failure)
        {
            failure = ContractsCli.Success;
            var path = explicitPath;
            if (path is null)
            {
                var beside = Path.Combine(Path.GetDirectoryName(candidateFile) ?? "", AcceptedBreaks.FileName);
                if (!File.Exists(beside)) return AcceptedBreaks.None;
                path = beside;
            }
            var text = ReadText(path, out var problem);
            if (text is null)
            {
                failure = Usage(problem!);
                return null;
            }
            var accepted = AcceptedBreaks.Parse(text, path);
            if (accepted.HasErrors)
            {
                foreach (var diagnostic in accepted.Diagnostics) _error.WriteLine(diagnostic.ToString());
                _error.WriteLine($"error: the accepted-breaks file '{path}' is invalid (see above)");
                failure = ContractsCli.UsageError;
                return null;
            }
            return accepted;
        }

        private static string? ReadText(string path, out string? problem)
        {
            problem = null;
            try
            {
                if (Directory.Exists(path))
                {
                    problem = $"'{path}' is a directory; give schema files";
                    return null;
                }
                if (!File.Exists(path))
                {
                    problem = $"cannot read '{path}': the file does not exist";
                    return null;
                }
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                problem = $"cannot read '{path}': {e.Message}";
                return null;
            }
        }

        /// <summary>The Avro full name, or the JSON Schema <c>$id</c> (else <c>title</c>); null when the schema names nothing.</summary>
        private static string? SubjectOf(CheckableSchema schema)
        {
            if (schema.Avro?.Root is NamedType named) return named.FullName;
            if (schema.Format != SchemaFormat.JsonSchema || schema.Document is not { Kind: JsonNodeKind.Object } document) return null;
            return document.GetString("$id") ?? document.GetString("title");
        }

        /// <summary>A JSON Schema <c>$ref</c> to another file, read from the referring file's folder; null when absent.</summary>
        private static string? ReadSibling(string folder, string reference)
        {
            try
            {
                var path = Path.GetFullPath(Path.Combine(folder, reference));
                return File.Exists(path) ? File.ReadAllText(path) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                return null;
            }
        }

        private static string FileStem(string path)
        {
            var name = Path.GetFileName(path);
            var dot = name.IndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }

        private static SchemaFormat? FormatOf(string path)
        {
            if (path.EndsWith(".avsc", StringComparison.OrdinalIgnoreCase)) return SchemaFormat.Avro;
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return SchemaFormat.JsonSchema;
            return null;
        }

    }
}
