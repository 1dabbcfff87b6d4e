using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Contracts.Schema.Avro;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Schema.Compatibility.Avro
{
    /// <summary>
    /// One reader/writer check. Walks both schemas in step, in the same order as Java's
    /// <c>ReaderWriterCompatibilityChecker</c>, and memoizes (reader node, writer node) pairs by identity,
    /// so the verdicts on recursive schemas are Java's.
    /// </summary>
    /// <remarks>
    /// Results are persistent trees (<see cref="Outcome"/>): merging is O(1) and an issue's text is built
    /// only when it reaches the final answer. Java copies lists on every merge, which turns cubic on
    /// hostile schemas (long chains of records probed in unions); this does not.
    /// </remarks>
    internal sealed class AvroPairChecker
    {
        // Marks a pair whose check is under way; meeting it again means recursion, assumed compatible.
        private static readonly Outcome InProgress = new Merged(null!, null!);

        private readonly AvroParseResult _reader;
        private readonly AvroParseResult _writer;
        private readonly Dictionary<Pair, Outcome?> _memo = new Dictionary<Pair, Outcome?>(16, PairComparer.Instance);

        // Java's location stack, kept as an arena of (parent, token) entries so that a location is one int.
        // A union branch is tried on a fresh stack (-1), as Java does, so memoized issues carry Java's paths.
        // Entries up to _pinned are kept for the deferred issues that point at them; others are dropped on Pop.
        private readonly List<PathEntry> _arena = new List<PathEntry>(32);
        private int _current = -1;
        private int _pinned = -1;

        public AvroPairChecker(AvroParseResult reader, AvroParseResult writer)
        {
            _reader = reader;
            _writer = writer;
        }

        public IReadOnlyList<CompatibilityIssue> Run()
        {
            Outcome? outcome;
            try
            {
                outcome = Check(null, _reader.Root!, _writer.Root!);
            }
            catch (InsufficientExecutionStackException)
            {
                return new[] { TooDeep() };
            }
            if (outcome is null) return Array.Empty<CompatibilityIssue>();

            // Left to right, as Java's merged lists; a shared subtree (a memoized pair met twice) and equal
            // issues are reported once.
            var issues = new List<CompatibilityIssue>();
            var seenNodes = new HashSet<Outcome>();
            var seenIssues = new HashSet<CompatibilityIssue>();
            var stack = new Stack<Outcome>();
            stack.Push(outcome);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (!seenNodes.Add(node)) continue;
                if (node is Merged merged)
                {
                    stack.Push(merged.Right);
                    stack.Push(merged.Left);
                }
                else
                {
                    var issue = ((Pending)node).Build(this);
                    if (seenIssues.Add(issue)) issues.Add(issue);
                }
            }
            return issues;
        }

        private CompatibilityIssue TooDeep()
            => new CompatibilityIssue(DiagnosticCatalog.SchemaTooDeep,
                "the schemas nest too deeply (through their named types) to be checked; compatibility is not proven",
                "reduce the depth of nested named types", "", "", _reader.Root!.Span, _writer.Root!.Span, null, null)
            {
                Path = "/",
            };

        /// <summary>
        /// Checks one pair under the path token <paramref name="token"/> (null: on a fresh path, as Java's
        /// two-argument <c>getCompatibility</c>). The types may be references; null means compatible.
        /// </summary>
        private Outcome? Check(string? token, SchemaType readerUse, SchemaType writerUse)
        {
            // No try/finally: an exception abandons the whole check, path included.
            if (token is not null)
            {
                Push(token);
                var result = CheckPair(readerUse, writerUse);
                Pop();
                return result;
            }
            var saved = _current;
            _current = -1;
            var fresh = CheckPair(readerUse, writerUse);
            _current = saved;
            return fresh;
        }

        private void Push(string token)
        {
            _arena.Add(new PathEntry(_current, token));
            _current = _arena.Count - 1;
        }

        private void Pop()
        {
            var popped = _current;
            _current = _arena[popped].Parent;
            if (popped == _arena.Count - 1 && popped > _pinned) _arena.RemoveAt(popped);
        }

        private Outcome? CheckPair(SchemaType readerUse, SchemaType writerUse)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var reader = Resolve(readerUse, _reader);
            var writer = Resolve(writerUse, _writer);
            if (reader is PrimitiveType || writer is PrimitiveType)
            {
                // Not memoized: a primitive node stands in one place only, so a pair that holds one is reached
                // once (from its memoized parent pair) and never lies on a recursion cycle. Java's verdicts
                // and issues are unchanged, at a fraction of the cost.
                return Calculate(readerUse, reader, writerUse, writer);
            }
            var pair = new Pair(reader, writer);
            if (_memo.TryGetValue(pair, out var known))
            {
                return ReferenceEquals(known, InProgress) ? null : known;
            }
            _memo[pair] = InProgress;
            var result = Calculate(readerUse, reader, writerUse, writer);
            _memo[pair] = result;
            return result;
        }

        private static SchemaType Resolve(SchemaType type, AvroParseResult schema)
        {
            if (type is NamedTypeReference reference)
            {
                if (schema.NamedTypes.TryGetValue(reference.FullName, out var named)) return named;
                throw new InvalidOperationException($"the schema refers to \"{reference.FullName}\", which it does not define");
            }
            return type;
        }

        private Outcome? Calculate(SchemaType readerUse, SchemaType reader, SchemaType writerUse, SchemaType writer)
        {
            if (reader.Kind == writer.Kind)
            {
                switch (reader)
                {
                    case ArrayType readerArray:
                        return Check("items", readerArray.Items, ((ArrayType)writer).Items);
                    case MapType readerMap:
                        return Check("values", readerMap.Values, ((MapType)writer).Values);
                    case FixedType readerFixed:
                    {
                        var writerFixed = (FixedType)writer;
                        Outcome? result = null;
                        CheckNames(ref result, readerFixed, writerFixed);
                        if (readerFixed.Size != writerFixed.Size)
                        {
                            Add(ref result, FixedSizeMismatch(readerFixed, writerFixed));
                        }
                        return result;
                    }
                    case EnumType readerEnum:
                    {
                        var writerEnum = (EnumType)writer;
                        Outcome? result = null;
                        CheckNames(ref result, readerEnum, writerEnum);
                        CheckSymbols(ref result, readerEnum, writerEnum);
                        return result;
                    }
                    case RecordType readerRecord:
                    {
                        var writerRecord = (RecordType)writer;
                        Outcome? result = null;
                        CheckNames(ref result, readerRecord, writerRecord);
                        CheckFields(ref result, readerRecord, writerRecord);
                        return result;
                    }
                    case UnionType:
                    {
                        // Every branch the writer may have written must be readable by the reader union.
                        var writerUnion = (UnionType)writer;
                        Outcome? result = null;
                        for (var i = 0; i < writerUnion.Branches.Count; i++)
                        {
                            var branch = writerUnion.Branches[i];
                            Push(Index(i));
                            if (Check(null, readerUse, branch) is not null)
                            {
                                Add(ref result, MissingWriterBranch(readerUse, branch, i));
                            }
                            Pop();
                        }
                        return result;
                    }
                    default:
                        return null; // the same primitive
                }
            }

            if (writer is UnionType writerBranches)
            {
                // A non-union reader must read every branch the writer may have written.
                Outcome? result = null;
                for (var i = 0; i < writerBranches.Branches.Count; i++)
                {
                    Add(ref result, Check(Index(i), readerUse, writerBranches.Branches[i]));
                }
                return result;
            }

            if (AvroResolution.Promotes(writer.Kind, reader.Kind)) return null;
            switch (reader.Kind)
            {
                case SchemaTypeKind.Union:
                {
                    var readerBranches = ((UnionType)reader).Branches;
                    for (var i = 0; i < readerBranches.Count; i++)
                    {
                        var branch = readerBranches[i];
                        var resolvedBranch = Resolve(branch, _reader);
                        if (resolvedBranch is PrimitiveType || writer is PrimitiveType)
                        {
                            // Only the verdict of this probe is used, and it is not memoized: skip building issues.
                            if (resolvedBranch.Kind == writer.Kind || AvroResolution.Promotes(writer.Kind, resolvedBranch.Kind)) return null;
                            continue;
                        }
                        if (Check(null, branch, writerUse) is null) return null; // the first branch that reads it
                    }
                    return MissingReaderBranch(readerUse, writerUse, writer);
                }
                default:
                    return TypeMismatchLater(readerUse, reader, writerUse, writer);
            }
        }

        private CompatibilityIssue TypeMismatch(SchemaType readerUse, SchemaType reader, SchemaType writerUse, SchemaType writer, string path)
        {
            var promotions = PromotionsOf(writer.Kind);
            var fix = promotions is null
                ? $"use {Describe(writer)} in the reader, as the writer does"
                : $"use {Describe(writer)} in the reader, or a type it promotes to ({promotions})";
            return MakeIssue(DiagnosticCatalog.TypeMismatch,
                $"reader type {Describe(reader)} cannot read writer type {Describe(writer)}",
                fix, readerUse.Pointer, readerUse, writerUse.Pointer, writerUse, path);
        }

        private static string? PromotionsOf(SchemaTypeKind writerKind) => writerKind switch
        {
            SchemaTypeKind.Int => "`long`, `float`, `double`",
            SchemaTypeKind.Long => "`float`, `double`",
            SchemaTypeKind.Float => "`double`",
            SchemaTypeKind.String => "`bytes`",
            SchemaTypeKind.Bytes => "`string`",
            _ => null,
        };

        private void CheckNames(ref Outcome? result, NamedType reader, NamedType writer)
        {
            if (AvroResolution.NamesMatch(reader, writer)) return;
            Add(ref result, NameMismatch(reader, writer));
        }

        private void CheckSymbols(ref Outcome? result, EnumType reader, EnumType writer)
        {
            List<string>? missing = null;
            for (var i = 0; i < writer.Symbols.Count; i++)
            {
                if (!AvroResolution.Contains(reader.Symbols, writer.Symbols[i])) (missing ??= new List<string>()).Add(writer.Symbols[i]);
            }
            if (missing is null) return;
            if (reader.Default is not null && AvroResolution.Contains(reader.Symbols, reader.Default)) return; // unknown symbols read as the default
            missing.Sort(StringComparer.Ordinal);
            Add(ref result, MissingSymbols(reader, writer, missing));
        }

        private void CheckFields(ref Outcome? result, RecordType reader, RecordType writer)
        {
            var writerIndex = AvroResolution.FieldIndex(writer);
            Push("fields");
            for (var position = 0; position < reader.Fields.Count; position++)
            {
                Push(Index(position));
                CheckField(ref result, reader, reader.Fields[position], writer, writerIndex);
                Pop();
            }
            Pop();
        }

        private void CheckField(ref Outcome? result, RecordType reader, FieldDefinition readerField, RecordType writer, Dictionary<string, int> writerIndex)
        {
            var matched = AvroResolution.MatchWriterField(readerField, writerIndex, out var ambiguous);
            if (ambiguous)
            {
                Add(ref result, AmbiguousField(readerField, writer, writerIndex));
                return;
            }
            if (matched < 0)
            {
                if (readerField.HasDefault) return;
                Add(ref result, MissingDefault(reader, readerField, writer));
                return;
            }
            Add(ref result, Check("type", readerField.Type, writer.Fields[matched].Type));
        }

        private static string AliasNote(FieldDefinition field)
            => field.Aliases.Count == 0 ? "" : $" nor one named by its aliases ({string.Join(", ", field.Aliases.Select(a => "`" + a + "`"))})";

        private static void Add(ref Outcome? result, Outcome? more)
        {
            if (more is null) return;
            result = result is null ? more : new Merged(result, more);
        }

        // Each deferred issue is made in its own method: a lambda's captured variables are allocated when
        // the enclosing method starts, so capturing in the hot methods would allocate on every call.

        private Pending FixedSizeMismatch(FixedType reader, FixedType writer)
            => Defer("size", path => MakeIssue(DiagnosticCatalog.FixedSizeMismatch,
                $"reader fixed `{reader.FullName}` has size {Number(reader.Size)} but the writer's `{writer.FullName}` has size {Number(writer.Size)}",
                $"keep size {Number(writer.Size)}; a fixed size cannot change (add a new fixed type and field instead)",
                reader.Pointer + "/size", reader, writer.Pointer + "/size", writer, path));

        private Pending MissingWriterBranch(SchemaType readerUse, SchemaType branch, int index)
            => Defer(null, path =>
            {
                var resolved = Resolve(branch, _writer);
                return MakeIssue(DiagnosticCatalog.MissingUnionBranch,
                    $"the reader union has no branch that can read writer union branch {Number(index)} ({Describe(resolved)})",
                    $"add a branch that reads {Describe(resolved)} to the reader union, or remove that branch from the writer",
                    readerUse.Pointer, readerUse, branch.Pointer, branch, path);
            });

        private Pending MissingReaderBranch(SchemaType readerUse, SchemaType writerUse, SchemaType writer)
            => Defer(null, path => MakeIssue(DiagnosticCatalog.MissingUnionBranch,
                $"the reader union has no branch that can read writer type {Describe(writer)}",
                $"add a branch that reads {Describe(writer)} to the reader union",
                readerUse.Pointer, readerUse, writerUse.Pointer, writerUse, path));

        private Pending TypeMismatchLater(SchemaType readerUse, SchemaType reader, SchemaType writerUse, SchemaType writer)
            => Defer(null, path => TypeMismatch(readerUse, reader, writerUse, writer, path));

        private Pending NameMismatch(NamedType reader, NamedType writer)
            => Defer("name", path =>
            {
                var kind = KindName(reader.Kind);
                return MakeIssue(DiagnosticCatalog.NameMismatch,
                    $"reader {kind} `{reader.FullName}` does not match writer {kind} `{writer.FullName}`: the names differ and no reader alias is `{writer.FullName}`",
                    $"rename the reader {kind} to `{writer.Name}`, or add \"{writer.FullName}\" to its aliases",
                    reader.Pointer + "/name", reader, writer.Pointer + "/name", writer, path);
            });

        private Pending MissingSymbols(EnumType reader, EnumType writer, List<string> missing)
            => Defer("symbols", path =>
            {
                var list = string.Join(", ", missing.Select(s => "`" + s + "`"));
                var fix = missing.Count == 1
                    ? $"keep symbol `{missing[0]}` or give the enum a default"
                    : $"keep symbols {list} or give the enum a default";
                return MakeIssue(DiagnosticCatalog.MissingEnumSymbols,
                    $"reader enum `{reader.FullName}` lacks writer symbol{(missing.Count == 1 ? "" : "s")} {list} and has no default",
                    fix, reader.Pointer + "/symbols", reader, writer.Pointer + "/symbols", writer, path);
            });

        private Pending AmbiguousField(FieldDefinition readerField, RecordType writer, Dictionary<string, int> writerIndex)
            => Defer(null, path =>
            {
                var names = new List<string>();
                if (writerIndex.ContainsKey(readerField.Name)) names.Add(readerField.Name);
                names.AddRange(readerField.Aliases.Where(writerIndex.ContainsKey));
                return MakeIssue(DiagnosticCatalog.AmbiguousFieldMatch,
                    $"reader field `{readerField.Name}` matches several writer fields ({string.Join(", ", names.Select(n => "`" + n + "`"))}) by its name and aliases",
                    $"keep one match: remove the aliases of field `{readerField.Name}` that name other writer fields",
                    readerField.Pointer, readerField, writer.Pointer, writer, path);
            });

        private Pending MissingDefault(RecordType reader, FieldDefinition readerField, RecordType writer)
            => Defer(null, path =>
            {
                var enumNote = Resolve(readerField.Type, _reader) is EnumType { Default: not null }
                    ? "; the enum's default symbol only stands in for unknown symbols, it is not a field default"
                    : "";
                return MakeIssue(DiagnosticCatalog.ReaderFieldMissingDefault,
                    $"reader field `{readerField.Name}` of record `{reader.FullName}` has no default, and the writer record `{writer.FullName}` has no field `{readerField.Name}`{AliasNote(readerField)}{enumNote}",
                    $"add a default to field `{readerField.Name}`, or keep field `{readerField.Name}` in the writer",
                    readerField.Pointer, readerField, writer.Pointer, writer, path);
            });

        /// <summary>An issue at the current path (plus <paramref name="token"/>), built only if it is reported.</summary>
        private Pending Defer(string? token, Func<string, CompatibilityIssue> build)
        {
            if (token is not null) Push(token);
            var pending = new Pending(_current, build);
            if (_current > _pinned) _pinned = _current;
            if (token is not null) Pop();
            return pending;
        }

        private CompatibilityIssue MakeIssue(string ruleId, string message, string fix, string readerPointer, object readerElement, string writerPointer, object writerElement, string path)
        {
            var readerNode = Find(_reader.Document, readerPointer);
            var writerNode = Find(_writer.Document, writerPointer);
            return new CompatibilityIssue(ruleId, message, fix, readerPointer, writerPointer,
                Located(readerNode, readerElement), Located(writerNode, writerElement),
                Fragment(readerNode, readerElement), Fragment(writerNode, writerElement))
            {
                Path = path,
            };
        }

        /// <summary>Java's <c>Incompatibility.getLocation()</c>: "/" and the tokens joined by "/", JSON-pointer escaped.</summary>
        private string PathText(int at)
        {
            var tokens = new List<string>();
            for (var i = at; i >= 0; i = _arena[i].Parent) tokens.Add(_arena[i].Token);
            tokens.Reverse();
            var builder = new StringBuilder("/");
            for (var i = 0; i < tokens.Count; i++)
            {
                if (i > 0) builder.Append('/');
                builder.Append(tokens[i].Replace("~", "~0").Replace("/", "~1"));
            }
            return builder.ToString();
        }

        /// <summary>A result: null is compatible; otherwise a tree of deferred issues.</summary>
        private abstract class Outcome
        {
        }

        private sealed class Merged : Outcome
        {
            public Merged(Outcome left, Outcome right)
            {
                Left = left;
                Right = right;
            }

            public Outcome Left { get; }

            public Outcome Right { get; }
        }

        private sealed class Pending : Outcome
        {
            private readonly int _path;
            private readonly Func<string, CompatibilityIssue> _build;

            public Pending(int path, Func<string, CompatibilityIssue> build)
            {
                _path = path;
                _build = build;
            }

            public CompatibilityIssue Build(AvroPairChecker checker) => _build(checker.PathText(_path));
        }

        private readonly struct PathEntry
        {
            public PathEntry(int parent, string token)
            {
                Parent = parent;
                Token = token;
            }

            public int Parent { get; }

            public string Token { get; }
        }

        private static readonly string[] SmallIndexes = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        private static string Index(int i) => i < SmallIndexes.Length ? SmallIndexes[i] : i.ToString(CultureInfo.InvariantCulture);

        private static SourceSpan? Located(JsonNode? node, object element)
        {
            var span = element switch
            {
                SchemaType type => type.Span,
                FieldDefinition field => field.Span,
                _ => null,
            };
            // The JSON node is the precise place (e.g. the "size" member); the model span is the fallback.
            return node is null ? span : node.Span.WithPath(span?.Path ?? node.Span.Path);
        }

        private static string? Fragment(JsonNode? node, object element)
        {
            if (node is not null) return node.ToShortJson(FragmentLength);
            return element is SchemaType type ? Shorten(AvroCanonicalForm.Of(type)) : null;
        }

        private const int FragmentLength = 120;

        private static string Shorten(string json) => json.Length <= FragmentLength ? json : json.Substring(0, FragmentLength - 1) + "…";

        /// <summary>The node a JSON pointer names in a document, or null.</summary>
        internal static JsonNode? Find(JsonNode? document, string pointer)
        {
            if (document is null) return null;
            if (pointer.Length == 0) return document;
            var node = document;
            foreach (var raw in pointer.Substring(1).Split('/'))
            {
                var segment = raw.Replace("~1", "/").Replace("~0", "~");
                switch (node.Kind)
                {
                    case JsonNodeKind.Object:
                        node = node.Get(segment);
                        break;
                    case JsonNodeKind.Array:
                        node = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.Items.Count ? node.Items[index] : null;
                        break;
                    default:
                        node = null;
                        break;
                }
                if (node is null) return null;
            }
            return node;
        }

        /// <summary>A type as messages name it: <c>`int`</c>, <c>record `com.shop.Order`</c>.</summary>
        internal static string Describe(SchemaType type) => type switch
        {
            NamedType named => $"{KindName(named.Kind)} `{named.FullName}`",
            NamedTypeReference reference => $"`{reference.FullName}`",
            _ => "`" + KindName(type.Kind) + "`",
        };

        private static string KindName(SchemaTypeKind kind) => kind switch
        {
            SchemaTypeKind.Record => "record",
            SchemaTypeKind.Enum => "enum",
            SchemaTypeKind.Fixed => "fixed",
            SchemaTypeKind.Array => "array",
            SchemaTypeKind.Map => "map",
            SchemaTypeKind.Union => "union",
            _ => AvroCanonicalForm.PrimitiveName(kind),
        };

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private readonly struct Pair
        {
            public Pair(SchemaType reader, SchemaType writer)
            {
                Reader = reader;
                Writer = writer;
            }

            public SchemaType Reader { get; }

            public SchemaType Writer { get; }
        }

        /// <summary>Compares pairs by node identity (the model's records compare by value, which would merge distinct nodes).</summary>
        private sealed class PairComparer : IEqualityComparer<Pair>
        {
            public static readonly PairComparer Instance = new PairComparer();

            public bool Equals(Pair x, Pair y) => ReferenceEquals(x.Reader, y.Reader) && ReferenceEquals(x.Writer, y.Writer);

            public int GetHashCode(Pair pair) => unchecked((RuntimeHelpers.GetHashCode(pair.Reader) * 397) ^ RuntimeHelpers.GetHashCode(pair.Writer));
        }
    }
}
