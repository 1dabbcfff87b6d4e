using System.Collections.Generic;
using System.Text;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// State shared by one whole comparison: the policy, the models, memoized pair results and the
    /// pairs under comparison (for recursion through <c>$ref</c>).
    /// </summary>
    internal sealed class DiffSession
    {
        /// <summary>Nested pair comparisons deeper than this are reported, not followed (stack safety).</summary>
        public const int MaxDepth = 400;

        /// <summary>How many changes of a nested pair are copied into each place that reaches it.</summary>
        public const int MaxCopiedChanges = 64;

        public DiffSession(JsonSchemaPolicy policy, SchemaModelBuilder builder, Dictionary<(SchemaModel, SchemaModel), List<JsonSchemaChange>> incompatibleSeed)
        {
            Policy = policy;
            Builder = builder;
            IncompatibleSeed = incompatibleSeed;
        }

        public JsonSchemaPolicy Policy { get; }

        public SchemaModelBuilder Builder { get; }

        /// <summary>Pair-relative changes (paths from the pair's root) of every pair compared so far.</summary>
        public Dictionary<(SchemaModel, SchemaModel), List<JsonSchemaChange>> Memo { get; } = new Dictionary<(SchemaModel, SchemaModel), List<JsonSchemaChange>>();

        public HashSet<(SchemaModel, SchemaModel)> InProgress { get; } = new HashSet<(SchemaModel, SchemaModel)>();

        /// <summary>Pairs a previous pass found incompatible; a cycle re-entering one uses these, not optimism.</summary>
        public Dictionary<(SchemaModel, SchemaModel), List<JsonSchemaChange>> IncompatibleSeed { get; }

        /// <summary>Set when a cycle was assumed compatible, so the result may need another pass.</summary>
        public bool UsedOptimism { get; set; }

        public int Depth { get; set; }

        public bool IsCompatible(JsonSchemaChangeKind kind) => kind.IsCompatible(Policy);

        public bool IsCompatible(List<JsonSchemaChange> changes)
        {
            foreach (var change in changes)
            {
                if (!change.IsCompatible) return false;
            }
            return true;
        }
    }

    /// <summary>Where the comparison stands (Confluent's logical path) and the changes found there.</summary>
    internal sealed class DiffContext
    {
        private readonly List<string> _path;

        public DiffContext(DiffSession session) : this(session, new List<string>()) { }

        private DiffContext(DiffSession session, List<string> path)
        {
            Session = session;
            _path = path;
        }

        public DiffSession Session { get; }

        public List<JsonSchemaChange> Changes { get; } = new List<JsonSchemaChange>();

        /// <summary>A context at the same path collecting its own changes (to judge a branch before keeping it).</summary>
        public DiffContext Sub() => new DiffContext(Session, new List<string>(_path));

        public bool IsCompatible => Session.IsCompatible(Changes);

        public void Push(string segment) => _path.Add(segment);

        public void Pop() => _path.RemoveAt(_path.Count - 1);

        public string PathString
        {
            get
            {
                var builder = new StringBuilder("#/");
                for (var i = 0; i < _path.Count; i++)
                {
                    if (i > 0) builder.Append('/');
                    builder.Append(_path[i]);
                }
                return builder.ToString();
            }
        }

        public void Add(JsonSchemaChangeKind kind, JsonNode original, JsonNode update, string? subject = null)
            => Changes.Add(new JsonSchemaChange(kind, Session.IsCompatible(kind), PathString, original, update, subject));

        public void Add(string segment, JsonSchemaChangeKind kind, JsonNode original, JsonNode update, string? subject = null)
        {
            Push(segment);
            Add(kind, original, update, subject);
            Pop();
        }

        public void AddRange(List<JsonSchemaChange> changes) => Changes.AddRange(changes);

        /// <summary>
        /// Keeps, from a branch that is otherwise discarded, the changes that say the engine could not
        /// judge (an unresolved <c>$ref</c>, the depth limit), so the report names the real cause.
        /// </summary>
        public void AddEngineLimits(DiffContext branch)
        {
            foreach (var change in branch.Changes)
            {
                if (change.Kind != JsonSchemaChangeKind.ReferenceUnresolved && change.Kind != JsonSchemaChangeKind.ComparisonTooDeep) continue;
                if (Changes.Exists(c => c.Kind == change.Kind && ReferenceEquals(c.OriginalNode, change.OriginalNode) && ReferenceEquals(c.UpdateNode, change.UpdateNode))) continue;
                Changes.Add(change);
            }
        }

        /// <summary>
        /// Adds pair-relative changes under the current path. Recursive schemas reach one pair along
        /// many paths, and copying every nested change into every parent grows exponentially; below
        /// the root, past <see cref="DiffSession.MaxCopiedChanges"/> only the first incompatible change
        /// is copied, which keeps the verdict exact and the report bounded.
        /// </summary>
        public void AddRebased(List<JsonSchemaChange> relative)
        {
            var prefix = _path.Count == 0 ? null : PathString;
            var copied = 0;
            var copiedIncompatible = false;
            foreach (var change in relative)
            {
                if (prefix is not null && copied >= DiffSession.MaxCopiedChanges && (copiedIncompatible || change.IsCompatible)) continue;
                var path = prefix is null ? change.Path : change.Path.Length <= 2 ? prefix : prefix + "/" + change.Path.Substring(2);
                Changes.Add(prefix is null ? change : change with { Path = path });
                copied++;
                copiedIncompatible |= !change.IsCompatible;
            }
        }
    }
}
