using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Lint
{
    /// <summary>
    /// Style rules for schemas (<c>CTR4xxx</c>): naming, docs, namespaces, key fields, and event/command naming.
    /// Each rule has a default severity in the catalog and can be set to off, info, warning or error in
    /// <c>contracts.settings.json</c>. Only the newest version of each subject is linted: published versions
    /// cannot change.
    /// </summary>
    public static class SchemaLinter
    {
        private static readonly Regex Pascal = new Regex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Camel = new Regex("^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Snake = new Regex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex UpperSnake = new Regex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", RegexOptions.CultureInvariant);

        // Irregular past participles common in event names; regular ones end in "ed".
        private static readonly HashSet<string> IrregularPast = new HashSet<string>(StringComparer.Ordinal)
        {
            "Sent", "Paid", "Held", "Made", "Built", "Sold", "Bought", "Lost", "Found", "Given", "Taken", "Written", "Begun",
            "Done", "Gone", "Set", "Put", "Cut", "Left", "Kept", "Won", "Spent", "Split", "Read", "Run", "Shut", "Hit",
            "Bound", "Chosen", "Drawn", "Driven", "Frozen", "Hidden", "Known", "Met", "Quit", "Risen", "Seen", "Shown",
            "Sung", "Sunk", "Spoken", "Stolen", "Struck", "Sworn", "Torn", "Thrown", "Understood", "Undone", "Woken", "Worn",
            "Withdrawn", "Overridden", "Forgotten", "Forgiven", "Rebuilt", "Resent", "Reset", "Upheld", "Withheld", "Dealt", "Felt", "Meant",
        };

        /// <summary>Lints every subject's newest version.</summary>
        public static IReadOnlyList<SchemaDiagnostic> Lint(SchemaRepositoryResult repository)
        {
            var diagnostics = new List<SchemaDiagnostic>();
            foreach (var subject in repository.Subjects)
            {
                Lint(subject.Latest, diagnostics);
            }
            return diagnostics;
        }

        /// <summary>Lints one schema version.</summary>
        public static void Lint(ContractSchema schema, List<SchemaDiagnostic> diagnostics)
        {
            var options = schema.Settings.Lint;
            void Report(string id, SourceSpan? span, string message)
            {
                var level = options.LevelOf(id);
                if (level == RuleLevel.Off) return;
                var severity = level switch
                {
                    RuleLevel.Error => DiagnosticSeverity.Error,
                    RuleLevel.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                };
                diagnostics.Add(new SchemaDiagnostic(id, severity, message, span ?? SourceSpan.StartOf(schema.Path)));
            }

            var root = schema.RootRecord;
            if (root is null) return;
            if (string.IsNullOrWhiteSpace(root.Doc))
            {
                Report(DiagnosticCatalog.LintSubjectDoc, root.Span, $"subject \"{schema.Subject}\" has no {(schema.Format == SchemaFormat.Avro ? "\"doc\"" : "\"description\"")}; say what happened (event) or what is asked (command) and who sends it");
            }
            if (string.IsNullOrEmpty(root.Namespace))
            {
                Report(DiagnosticCatalog.LintNamespace, root.Span, $"subject \"{schema.Subject}\" has no namespace; give it one (e.g. \"shop.orders\") so names stay unique across teams");
            }
            var lastWord = LastWord(root.Name);
            var looksPast = lastWord.EndsWith("ed", StringComparison.Ordinal) || IrregularPast.Contains(lastWord);
            if (schema.Settings.Kind == MessageKind.Event && !looksPast)
            {
                Report(DiagnosticCatalog.LintEventTense, root.Span, $"event \"{root.Name}\" is not named in the past tense; events state what happened (e.g. \"{root.Name}ed\" or \"OrderPlaced\"). If it is a request, declare it a command");
            }
            if (schema.Settings.Kind == MessageKind.Command && looksPast)
            {
                Report(DiagnosticCatalog.LintCommandMood, root.Span, $"command \"{root.Name}\" is named in the past tense; commands ask for something (e.g. \"ReserveInventory\"). If it reports a fact, declare it an event");
            }
            foreach (var (key, what) in new[] { (schema.Settings.PartitionKey, "partition key"), (schema.Settings.IdempotencyKey, "idempotency key") })
            {
                var field = key is null ? null : root.Fields.FirstOrDefault(f => f.Name == key);
                if (field is null) continue;
                if (IsNullable(field.Type) || field.HasDefault || !field.Required)
                {
                    Report(DiagnosticCatalog.LintKeyRequired, field.Span, $"{what} field \"{field.Name}\" is optional (nullable or defaulted); a key must always be present: make it required and non-null");
                }
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Walk(root, seen, schema, options, Report);
        }

        private static void Walk(SchemaType type, HashSet<string> seen, ContractSchema schema, LintOptions options, Action<string, SourceSpan?, string> report)
        {
            switch (type)
            {
                case RecordType record:
                    if (!seen.Add(record.FullName)) return;
                    CheckTypeName(record, report);
                    foreach (var field in record.Fields)
                    {
                        if (!Matches(field.Name, options.FieldNaming))
                        {
                            report(DiagnosticCatalog.LintFieldNaming, field.Span, $"field \"{field.Name}\" of \"{record.Name}\" is not {Describe(options.FieldNaming)}; rename it in a new version (or set lint.fieldNaming)");
                        }
                        if (string.IsNullOrWhiteSpace(field.Doc))
                        {
                            report(DiagnosticCatalog.LintFieldDoc, field.Span, $"field \"{field.Name}\" of \"{record.Name}\" has no {(schema.Format == SchemaFormat.Avro ? "\"doc\"" : "\"description\"")}; say what it holds and in which unit");
                        }
                        Walk(field.Type, seen, schema, options, report);
                    }
                    return;
                case EnumType enumType:
                    if (!seen.Add(enumType.FullName)) return;
                    CheckTypeName(enumType, report);
                    foreach (var symbol in enumType.Symbols)
                    {
                        if (!Matches(symbol, options.SymbolNaming))
                        {
                            report(DiagnosticCatalog.LintSymbolNaming, enumType.Span, $"symbol \"{symbol}\" of enum \"{enumType.Name}\" is not {Describe(options.SymbolNaming)} (or set lint.symbolNaming)");
                        }
                    }
                    return;
                case FixedType fixedType:
                    if (seen.Add(fixedType.FullName)) CheckTypeName(fixedType, report);
                    return;
                case ArrayType array:
                    Walk(array.Items, seen, schema, options, report);
                    return;
                case MapType map:
                    Walk(map.Values, seen, schema, options, report);
                    return;
                case UnionType union:
                    foreach (var branch in union.Branches) Walk(branch, seen, schema, options, report);
                    return;
            }
        }

        private static void CheckTypeName(NamedType type, Action<string, SourceSpan?, string> report)
        {
            if (!Pascal.IsMatch(type.Name))
            {
                report(DiagnosticCatalog.LintTypeNaming, type.Span, $"type \"{type.Name}\" is not PascalCase; name types like \"{CSharpNames.ToPascalCase(type.Name)}\"");
            }
        }

        private static bool IsNullable(SchemaType type) => type is UnionType u && u.Branches.Any(b => b.Kind == SchemaTypeKind.Null) || type.Kind == SchemaTypeKind.Null;

        private static bool Matches(string name, NamingConvention convention) => convention switch
        {
            NamingConvention.CamelCase => Camel.IsMatch(name),
            NamingConvention.PascalCase => Pascal.IsMatch(name),
            NamingConvention.SnakeCase => Snake.IsMatch(name),
            _ => UpperSnake.IsMatch(name),
        };

        private static string Describe(NamingConvention convention) => convention switch
        {
            NamingConvention.CamelCase => "camelCase",
            NamingConvention.PascalCase => "PascalCase",
            NamingConvention.SnakeCase => "snake_case",
            _ => "UPPER_SNAKE_CASE",
        };

        private static string LastWord(string name)
        {
            for (var i = name.Length - 1; i > 0; i--)
            {
                if (char.IsUpper(name[i])) return name.Substring(i);
            }
            return name;
        }
    }
}
