using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Contracts.Generators.Emit
{
    /// <summary>Identifiers, literals and XML doc text that cannot break the generated code.</summary>
    internal static class CSharpSyntax
    {
        public const string GeneratedCodeAttribute = "[global::System.CodeDom.Compiler.GeneratedCode(\"Contracts.Generators\", \"" + ThisAssembly.Version + "\")]";

        /// <summary>A valid identifier for <paramref name="name"/>: invalid characters become <c>_</c>, keywords get <c>@</c>.</summary>
        public static string Identifier(string name)
        {
            var builder = new StringBuilder(name.Length + 1);
            foreach (var c in name)
            {
                builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }
            if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0])) builder.Insert(0, '_');
            var text = builder.ToString();
            return IsKeyword(text) ? "@" + text : text;
        }

        public static bool IsKeyword(string text)
            => SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None;

        /// <summary>The identifier without a leading <c>@</c> (for composing names such as <c>ReadX</c>).</summary>
        public static string Bare(string identifier) => identifier.StartsWith("@") ? identifier.Substring(1) : identifier;

        /// <summary>A regular C# string literal.</summary>
        public static string String(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u0085' || char.IsSurrogate(c) || c == 0x7f)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }
                        break;
                }
            }
            builder.Append('"');
            return builder.ToString();
        }

        /// <summary>A UTF-8 string literal (<c>"name"u8</c>).</summary>
        public static string Utf8(string value) => String(value) + "u8";

        /// <summary>Text safe inside an XML doc comment element, one <c>/// </c> line per source line.</summary>
        public static IEnumerable<string> DocLines(string text)
        {
            var escaped = text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
            foreach (var line in escaped.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
            {
                var clean = new StringBuilder(line.Length);
                foreach (var c in line)
                {
                    // Characters that end a line in C# would end the comment.
                    clean.Append(c == '\u2028' || c == '\u2029' || c == '\u0085' || (c < 0x20 && c != '\t') ? ' ' : c);
                }
                yield return "/// " + clean.ToString().TrimEnd();
            }
        }

        public static void Summary(SourceWriter writer, string text)
        {
            writer.Line("/// <summary>");
            foreach (var line in DocLines(text)) writer.Line(line);
            writer.Line("/// </summary>");
        }
    }
}
