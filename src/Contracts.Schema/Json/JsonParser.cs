using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Json
{
    /// <summary>A JSON syntax error: what was wrong and where.</summary>
    public sealed record JsonSyntaxError(string Message, SourceSpan Location);

    /// <summary>The outcome of parsing one JSON text.</summary>
    public sealed class JsonParseResult
    {
        internal JsonParseResult(JsonNode? root, JsonSyntaxError? error, IReadOnlyList<JsonMember> duplicates)
        {
            Root = root;
            Error = error;
            DuplicateMembers = duplicates;
        }

        /// <summary>The document, or null when the text is not valid JSON.</summary>
        public JsonNode? Root { get; }

        /// <summary>The first syntax error, or null.</summary>
        public JsonSyntaxError? Error { get; }

        /// <summary>Members whose name already appeared earlier in the same object.</summary>
        public IReadOnlyList<JsonMember> DuplicateMembers { get; }
    }

    /// <summary>
    /// A strict RFC 8259 JSON parser that records the position of every value and member name.
    /// Nesting is limited (<see cref="MaxDepth"/>) so hostile input cannot overflow the stack.
    /// </summary>
    public sealed class JsonParser
    {
        /// <summary>The deepest nesting accepted.</summary>
        public const int MaxDepth = 256;

        private readonly string _text;
        private readonly string _path;
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private int _depth;
        private List<JsonMember>? _duplicates;
        private readonly StringBuilder _scratch = new StringBuilder();

        private JsonParser(string text, string path)
        {
            _text = text;
            _path = path;
        }

        /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> names the file in locations.</summary>
        public static JsonParseResult Parse(string text, string path)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var parser = new JsonParser(text, path ?? "");
            try
            {
                parser.SkipBom();
                parser.SkipWhitespace();
                if (parser._pos >= text.Length) throw parser.Fail("the file is empty; expected a JSON value");
                var root = parser.ParseValue();
                parser.SkipWhitespace();
                if (parser._pos < text.Length) throw parser.Fail($"unexpected '{Describe(text[parser._pos])}' after the end of the JSON value");
                return new JsonParseResult(root, null, (IReadOnlyList<JsonMember>?)parser._duplicates ?? Array.Empty<JsonMember>());
            }
            catch (SyntaxException e)
            {
                return new JsonParseResult(null, new JsonSyntaxError(e.Message, e.Location), Array.Empty<JsonMember>());
            }
        }

        private sealed class SyntaxException : Exception
        {
            public SyntaxException(string message, SourceSpan location) : base(message) => Location = location;

            public SourceSpan Location { get; }
        }

        private void SkipBom()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
        }

        private SyntaxException Fail(string message) => Fail(message, _pos);

        private SyntaxException Fail(string message, int offset)
        {
            // Recompute the line for offsets behind the cursor (rare, error path only).
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            var column = offset - lineStart + 1;
            return new SyntaxException("invalid JSON: " + message, new SourceSpan(_path, offset, offset < _text.Length ? 1 : 0, line, column, line, column + 1));
        }

        private static string Describe(char c) => c < 0x20 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

        private void SkipWhitespace()
        {
            var text = _text;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == ' ' || c == '\t' || c == '\r')
                {
                    _pos++;
                }
                else
                {
                    break;
                }
            }
        }

        private SourceSpan SpanFrom(int start, int startLine, int startColumn)
            => new SourceSpan(_path, start, _pos - start, startLine, startColumn, _line, _pos - _lineStart + 1);

        private JsonNode ParseValue()
        {
            var start = _pos;
            var line = _line;
            var column = _pos - _lineStart + 1;
            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject(start, line, column);
                case '[':
                    return ParseArray(start, line, column);
                case '"':
                {
                    var s = ParseString();
                    return new JsonNode(JsonNodeKind.String, SpanFrom(start, line, column), s, null, null);
                }
                case 't':
                    ExpectLiteral("true");
                    return new JsonNode(JsonNodeKind.True, SpanFrom(start, line, column), null, null, null);
                case 'f':
                    ExpectLiteral("false");
                    return new JsonNode(JsonNodeKind.False, SpanFrom(start, line, column), null, null, null);
                case 'n':
                    ExpectLiteral("null");
                    return new JsonNode(JsonNodeKind.Null, SpanFrom(start, line, column), null, null, null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        var number = ParseNumber();
                        return new JsonNode(JsonNodeKind.Number, SpanFrom(start, line, column), number, null, null);
                    }
                    throw Fail($"unexpected '{Describe(c)}'; expected a value (object, array, string, number, true, false or null)");
            }
        }

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Fail($"nesting deeper than {MaxDepth} levels");
        }

        private JsonNode ParseObject(int start, int line, int column)
        {
            Enter();
            _pos++; // {
            var members = new List<JsonMember>();
            HashSet<string>? names = null; // built once an object is large, so duplicate detection stays linear
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace();
                    if (_pos >= _text.Length) throw Fail("unexpected end of text inside an object; expected a member name");
                    if (_text[_pos] != '"') throw Fail($"unexpected '{Describe(_text[_pos])}'; expected a member name in double quotes");
                    var nameStart = _pos;
                    var nameLine = _line;
                    var nameColumn = _pos - _lineStart + 1;
                    var name = ParseString();
                    var nameSpan = SpanFrom(nameStart, nameLine, nameColumn);
                    SkipWhitespace();
                    if (_pos >= _text.Length || _text[_pos] != ':') throw Fail($"expected ':' after member name \"{name}\"");
                    _pos++;
                    SkipWhitespace();
                    if (_pos >= _text.Length) throw Fail($"unexpected end of text; expected the value of \"{name}\"");
                    var value = ParseValue();
                    var member = new JsonMember(name, nameSpan, value);
                    value.Key = name;
                    value.Member = member;
                    if (IsDuplicate(members, ref names, name)) (_duplicates ??= new List<JsonMember>()).Add(member);
                    members.Add(member);
                    SkipWhitespace();
                    if (_pos >= _text.Length) throw Fail("unexpected end of text inside an object; expected ',' or '}'");
                    var c = _text[_pos];
                    if (c == ',')
                    {
                        _pos++;
                        continue;
                    }
                    if (c == '}')
                    {
                        _pos++;
                        break;
                    }
                    throw Fail($"unexpected '{Describe(c)}' in an object; expected ',' or '}}'");
                }
            }
            _depth--;
            var node = new JsonNode(JsonNodeKind.Object, SpanFrom(start, line, column), null, members, null);
            foreach (var m in members) m.Value.Parent = node;
            return node;
        }

        private const int IndexThreshold = 16;

        private static bool IsDuplicate(List<JsonMember> members, ref HashSet<string>? names, string name)
        {
            if (names is null && members.Count < IndexThreshold)
            {
                foreach (var existing in members)
                {
                    if (string.Equals(existing.Name, name, StringComparison.Ordinal)) return true;
                }
                return false;
            }
            if (names is null)
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var existing in members) names.Add(existing.Name);
            }
            return !names.Add(name);
        }

        private JsonNode ParseArray(int start, int line, int column)
        {
            Enter();
            _pos++; // [
            var items = new List<JsonNode>();
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace();
                    if (_pos >= _text.Length) throw Fail("unexpected end of text inside an array; expected a value");
                    var item = ParseValue();
                    item.Key = items.Count.ToString(CultureInfo.InvariantCulture);
                    items.Add(item);
                    SkipWhitespace();
                    if (_pos >= _text.Length) throw Fail("unexpected end of text inside an array; expected ',' or ']'");
                    var c = _text[_pos];
                    if (c == ',')
                    {
                        _pos++;
                        continue;
                    }
                    if (c == ']')
                    {
                        _pos++;
                        break;
                    }
                    throw Fail($"unexpected '{Describe(c)}' in an array; expected ',' or ']'");
                }
            }
            _depth--;
            var node = new JsonNode(JsonNodeKind.Array, SpanFrom(start, line, column), null, null, items);
            foreach (var item in items) item.Parent = node;
            return node;
        }

        private void ExpectLiteral(string literal)
        {
            if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                throw Fail($"unexpected '{Describe(_text[_pos])}'; expected a value (did you mean {literal}?)");
            }
            _pos += literal.Length;
        }

        private string ParseString()
        {
            var text = _text;
            var open = _pos;
            _pos++; // opening quote
            var runStart = _pos;
            // Fast path: no escapes.
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '"')
                {
                    var s = text.Substring(runStart, _pos - runStart);
                    _pos++;
                    return s;
                }
                if (c == '\\') break;
                if (c < 0x20) throw Fail(c == '\n' ? "a string is not closed before the end of the line" : $"control character {Describe(c)} inside a string must be escaped");
                _pos++;
            }
            if (_pos >= text.Length) throw Fail("a string is not closed", open);
            var sb = _scratch.Clear();
            sb.Append(text, runStart, _pos - runStart);
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return sb.ToString();
                }
                if (c < 0x20) throw Fail(c == '\n' ? "a string is not closed before the end of the line" : $"control character {Describe(c)} inside a string must be escaped");
                if (c != '\\')
                {
                    sb.Append(c);
                    _pos++;
                    continue;
                }
                if (_pos + 1 >= text.Length) throw Fail("a string is not closed", open);
                var e = text[_pos + 1];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 6 > text.Length || !int.TryParse(text.Substring(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Fail("invalid \\u escape: expected four hexadecimal digits");
                        }
                        sb.Append((char)code);
                        _pos += 6;
                        continue;
                    default:
                        throw Fail($"invalid escape '\\{Describe(e)}' in a string");
                }
                _pos += 2;
            }
            throw Fail("a string is not closed", open);
        }

        private string ParseNumber()
        {
            var text = _text;
            var start = _pos;
            if (text[_pos] == '-') _pos++;
            if (_pos >= text.Length) throw Fail("a number ends after '-'");
            if (text[_pos] == '0')
            {
                _pos++;
            }
            else if (text[_pos] >= '1' && text[_pos] <= '9')
            {
                while (_pos < text.Length && text[_pos] >= '0' && text[_pos] <= '9') _pos++;
            }
            else
            {
                throw Fail("expected a digit in a number");
            }
            if (_pos < text.Length && text[_pos] == '.')
            {
                _pos++;
                var digits = _pos;
                while (_pos < text.Length && text[_pos] >= '0' && text[_pos] <= '9') _pos++;
                if (_pos == digits) throw Fail("expected a digit after the decimal point");
            }
            if (_pos < text.Length && (text[_pos] == 'e' || text[_pos] == 'E'))
            {
                _pos++;
                if (_pos < text.Length && (text[_pos] == '+' || text[_pos] == '-')) _pos++;
                var digits = _pos;
                while (_pos < text.Length && text[_pos] >= '0' && text[_pos] <= '9') _pos++;
                if (_pos == digits) throw Fail("expected a digit in the exponent");
            }
            if (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '.'))
            {
                throw Fail($"unexpected '{Describe(text[_pos])}' in a number");
            }
            return text.Substring(start, _pos - start);
        }
    }
}
