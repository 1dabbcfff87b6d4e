using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;

namespace Contracts.Schema.Lint
{
    /// <summary>A naming convention for field names or enum symbols.</summary>
    public enum NamingConvention
    {
        /// <summary><c>orderId</c></summary>
        CamelCase,
        /// <summary><c>OrderId</c></summary>
        PascalCase,
        /// <summary><c>order_id</c></summary>
        SnakeCase,
        /// <summary><c>ORDER_ID</c></summary>
        UpperSnakeCase,
    }

    /// <summary>What a rule's severity is set to in a settings file.</summary>
    public enum RuleLevel
    {
        /// <summary>The rule does not run.</summary>
        Off,
        /// <summary>Reported as information.</summary>
        Info,
        /// <summary>Reported as a warning.</summary>
        Warning,
        /// <summary>Reported as an error.</summary>
        Error,
    }

    /// <summary>A severity override for one lint rule.</summary>
    public sealed record RuleOverride(string Id, RuleLevel Level);

    /// <summary>
    /// Lint settings, from the <c>"lint"</c> member of <c>contracts.settings.json</c>:
    /// <code>"lint": { "fieldNaming": "camelCase", "symbolNaming": "UPPER_SNAKE_CASE", "CTR4004": "off", "CTR4008": "error" }</code>
    /// </summary>
    public sealed record LintOptions(NamingConvention FieldNaming, NamingConvention SymbolNaming, EquatableArray<RuleOverride> Overrides)
    {
        /// <summary>camelCase fields, UPPER_SNAKE_CASE symbols, every rule at its default severity.</summary>
        public static LintOptions Default { get; } = new LintOptions(NamingConvention.CamelCase, NamingConvention.UpperSnakeCase, EquatableArray<RuleOverride>.Empty);

        private bool _fieldNamingSet;
        private bool _symbolNamingSet;

        /// <summary>These options with <paramref name="nearer"/>'s settings on top.</summary>
        public LintOptions Merge(LintOptions nearer)
        {
            var overrides = Overrides.Where(o => !nearer.Overrides.Any(n => n.Id == o.Id)).Concat(nearer.Overrides).OrderBy(o => o.Id, StringComparer.Ordinal).ToArray();
            return new LintOptions(
                nearer._fieldNamingSet ? nearer.FieldNaming : FieldNaming,
                nearer._symbolNamingSet ? nearer.SymbolNaming : SymbolNaming,
                new EquatableArray<RuleOverride>(overrides))
            {
                _fieldNamingSet = _fieldNamingSet || nearer._fieldNamingSet,
                _symbolNamingSet = _symbolNamingSet || nearer._symbolNamingSet,
            };
        }

        /// <summary>The level a rule runs at: its override, else its catalog default.</summary>
        public RuleLevel LevelOf(string id)
        {
            foreach (var o in Overrides)
            {
                if (o.Id == id) return o.Level;
            }
            return DiagnosticCatalog.Get(id).DefaultSeverity switch
            {
                DiagnosticSeverity.Error => RuleLevel.Error,
                DiagnosticSeverity.Warning => RuleLevel.Warning,
                _ => RuleLevel.Info,
            };
        }

        internal static LintOptions Parse(JsonNode node, string path, List<SchemaDiagnostic> diagnostics)
        {
            void Error(SourceSpan span, string message)
                => diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidSettings, DiagnosticSeverity.Error, message, span.WithPath(path)));

            var result = Default;
            if (node.Kind != JsonNodeKind.Object)
            {
                Error(node.Span, "\"lint\" must be an object, e.g. {\"fieldNaming\": \"camelCase\", \"CTR4004\": \"off\"}");
                return result;
            }
            var fieldNaming = result.FieldNaming;
            var symbolNaming = result.SymbolNaming;
            bool fieldSet = false, symbolSet = false;
            var overrides = new List<RuleOverride>();
            foreach (var member in node.Members)
            {
                switch (member.Name)
                {
                    case "fieldNaming":
                        fieldSet = TryConvention(member.Value, out fieldNaming);
                        if (!fieldSet) Error(member.Value.Span, "\"fieldNaming\" must be camelCase, PascalCase, snake_case or UPPER_SNAKE_CASE");
                        break;
                    case "symbolNaming":
                        symbolSet = TryConvention(member.Value, out symbolNaming);
                        if (!symbolSet) Error(member.Value.Span, "\"symbolNaming\" must be camelCase, PascalCase, snake_case or UPPER_SNAKE_CASE");
                        break;
                    default:
                        if (!member.Name.StartsWith("CTR4", StringComparison.Ordinal) || !DiagnosticCatalog.All.Any(r => r.Id == member.Name))
                        {
                            Error(member.NameSpan, $"unknown lint setting \"{member.Name}\"; expected fieldNaming, symbolNaming or a lint rule id (CTR4xxx)");
                            break;
                        }
                        var level = (member.Value.Kind == JsonNodeKind.String ? member.Value.Text : null) switch
                        {
                            "off" => RuleLevel.Off,
                            "info" => RuleLevel.Info,
                            "warning" => RuleLevel.Warning,
                            "error" => (RuleLevel?)RuleLevel.Error,
                            _ => null,
                        };
                        if (level is null) Error(member.Value.Span, $"the level of {member.Name} must be \"off\", \"info\", \"warning\" or \"error\"");
                        else overrides.Add(new RuleOverride(member.Name, level.Value));
                        break;
                }
            }
            return new LintOptions(fieldNaming, symbolNaming, new EquatableArray<RuleOverride>(overrides.OrderBy(o => o.Id, StringComparer.Ordinal).ToArray()))
            {
                _fieldNamingSet = fieldSet,
                _symbolNamingSet = symbolSet,
            };
        }

        private static bool TryConvention(JsonNode node, out NamingConvention convention)
        {
            convention = NamingConvention.CamelCase;
            switch (node.Kind == JsonNodeKind.String ? node.Text : null)
            {
                case "camelCase": convention = NamingConvention.CamelCase; return true;
                case "PascalCase": convention = NamingConvention.PascalCase; return true;
                case "snake_case": convention = NamingConvention.SnakeCase; return true;
                case "UPPER_SNAKE_CASE": convention = NamingConvention.UpperSnakeCase; return true;
                default: return false;
            }
        }
    }
}
