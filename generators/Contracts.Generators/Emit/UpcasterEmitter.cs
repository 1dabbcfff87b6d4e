using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Contracts.Schema.Model;
using Contracts.Schema.Upcasting;

namespace Contracts.Generators.Emit
{
    /// <summary>
    /// Emits a subject's upcasters: <c>&lt;Name&gt;Upcasters</c> with one <c>Upcast</c> step per version pair and
    /// one <c>ToLatest</c> per older version, private step methods for nested records, enums and unions, the
    /// declarations of hand-written steps, and <c>ToLatest()</c> (plus Wolverine's <c>IForwardsTo</c>) on the
    /// older records.
    /// </summary>
    internal static class UpcasterEmitter
    {
        public const string CollectionsType = "global::Contracts.Upcasting.UpcastCollections";

        /// <summary>The name of the class that holds a subject's upcasters.</summary>
        public static string ClassName(ContractPlan latest) => CSharpSyntax.Identifier(CSharpSyntax.Bare(latest.TypeName) + "Upcasters");

        /// <summary>The name of the partial method a hand-written step from <paramref name="fromVersion"/> implements.</summary>
        public static string HandWrittenName(int fromVersion) => "UpcastFromV" + fromVersion.ToString(CultureInfo.InvariantCulture);

        public static string Emit(IReadOnlyList<ContractPlan> versions, bool forwarding)
        {
            var latest = versions[versions.Count - 1];
            var className = ClassName(latest);
            var classClr = "global::" + latest.Namespace + "." + className;
            var subject = latest.Schema.Subject;
            var w = new SourceWriter();
            w.Header();
            w.Open("namespace " + latest.Namespace);
            CSharpSyntax.Summary(w, "Upcasters of " + subject + ": every older version becomes the latest (version "
                + Number(latest.Schema.Version) + "), one version step at a time.");
            w.Line("/// <remarks>Generated from the schemas; see docs/upcasting.md. Hand-written steps are <c>static partial void</c> methods implemented in another part of this class.</remarks>");
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            w.Open("public static partial class " + className);

            for (var i = 0; i < versions.Count - 1; i++)
            {
                var older = versions[i];
                var chain = "value";
                for (var j = i; j < versions.Count - 1; j++) chain = "Upcast(" + chain + ")";
                w.Line("/// <summary>Turns a version " + Number(older.Schema.Version) + " value into the latest version (" + Number(latest.Schema.Version) + ").</summary>");
                w.Line("/// <param name=\"value\">The version " + Number(older.Schema.Version) + " value.</param>");
                w.Line("/// <returns>The same message as the latest version.</returns>");
                w.Line("public static " + latest.Clr + " ToLatest(" + older.Clr + " value) => " + chain + ";");
                w.Line();
            }

            var methods = new StepMethods();
            for (var i = 0; i < versions.Count - 1; i++)
            {
                var from = versions[i];
                var to = versions[i + 1];
                var plan = UpcastPlanner.Plan(from.Schema, to.Schema);
                string? reason = plan.Reason;
                SourceWriter? body = null;
                if (plan.Root is { } root)
                {
                    try
                    {
                        body = methods.Step(root, from, to);
                    }
                    catch (NotExpressibleException e)
                    {
                        reason = e.Message;
                        methods.Discard();
                    }
                }
                if (body is not null)
                {
                    w.Line("/// <summary>Version " + Number(from.Schema.Version) + " → " + Number(to.Schema.Version) + ", as schema resolution determines it.</summary>");
                    w.Line("/// <param name=\"value\">The version " + Number(from.Schema.Version) + " value.</param>");
                    w.Line("/// <returns>The version " + Number(to.Schema.Version) + " value.</returns>");
                    w.Lines(body.ToString().TrimEnd('\n'));
                }
                else
                {
                    EmitHandWritten(w, subject, from, to, reason ?? "the schemas do not determine the step", plan.Location);
                }
                if (i < versions.Count - 2 || methods.Bodies.Any()) w.Line();
            }
            var bodies = methods.Bodies.ToList();
            for (var i = 0; i < bodies.Count; i++)
            {
                if (i > 0) w.Line();
                w.Lines(bodies[i].TrimEnd('\n'));
            }
            w.Close();

            foreach (var older in versions.Take(versions.Count - 1))
            {
                EmitOlderRecord(w, older, latest, classClr, forwarding);
            }
            w.Close();
            return w.ToString();
        }

        private static void EmitOlderRecord(SourceWriter w, ContractPlan older, ContractPlan latest, string classClr, bool forwarding)
        {
            w.Close();
            w.Line();
            w.Open("namespace " + older.Namespace);
            var forwards = forwarding ? " : global::Wolverine.IForwardsTo<" + latest.Clr + ">" : "";
            w.Open("public sealed partial record " + older.TypeName + forwards);
            w.Line("/// <summary>This message as the latest version of its subject (version " + Number(latest.Schema.Version) + "), through the generated upcasters.</summary>");
            w.Line("/// <returns>A new value of the latest version.</returns>");
            w.Line("public " + latest.Clr + " ToLatest() => " + classClr + ".ToLatest(this);");
            if (forwarding)
            {
                w.Line();
                w.Line("/// <summary>Wolverine's forwarding: a handler of the latest version receives this message upcast.</summary>");
                w.Line(latest.Clr + " global::Wolverine.IForwardsTo<" + latest.Clr + ">.Transform() => ToLatest();");
            }
            w.Close();
        }

        private static void EmitHandWritten(SourceWriter w, string subject, ContractPlan from, ContractPlan to, string reason, Schema.Diagnostics.SourceSpan? location)
        {
            var name = HandWrittenName(from.Schema.Version);
            var steps = Number(from.Schema.Version) + " → " + Number(to.Schema.Version);
            w.Line("/// <summary>Version " + steps + ", written by hand: the schemas do not determine it.</summary>");
            w.Line("/// <param name=\"value\">The version " + Number(from.Schema.Version) + " value.</param>");
            w.Line("/// <returns>The version " + Number(to.Schema.Version) + " value set by <c>" + name + "</c>.</returns>");
            w.Open("public static " + to.Clr + " Upcast(" + from.Clr + " value)");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
            w.Line(to.Clr + "? result = null;");
            w.Line(name + "(value, ref result);");
            w.Line("return result ?? throw new global::Contracts.Upcasting.UpcastStepMissingException(" + CSharpSyntax.String(subject) + ", "
                + Number(from.Schema.Version) + ", " + Number(to.Schema.Version) + ", " + CSharpSyntax.String(name) + ");");
            w.Close();
            w.Line();
            w.Line("/// <summary>");
            foreach (var line in CSharpSyntax.DocLines("Implement in another part of this class: version " + steps + " of " + subject + " (" + reason + "). Set result to the new value."))
            {
                w.Line(line);
            }
            w.Line("/// </summary>");
            w.Line("/// <param name=\"value\">The version " + Number(from.Schema.Version) + " value.</param>");
            w.Line("/// <param name=\"result\">Set it to the version " + Number(to.Schema.Version) + " value.</param>");
            w.Line("[global::Contracts.Upcasting.UpcastStep(" + CSharpSyntax.String(subject) + ", " + Number(from.Schema.Version) + ", " + Number(to.Schema.Version) + ", " + CSharpSyntax.String(reason) + ")]");
            var declaration = "static partial void " + name + "(" + from.Clr + " value, ref " + to.Clr + "? result);";
            // Map the declaration onto the place in the newer schema that needs the hand-written step, so the
            // missing-step error (CTR5001) points at the schema file, not at generated code.
            var path = location?.Path;
            var mapped = location is not null && path!.Length > 0 && path.IndexOf('"') < 0 && path.IndexOf('\n') < 0 && path.IndexOf('\r') < 0;
            if (mapped)
            {
                // Enhanced #line: the character at column `offset` of the next line maps to the start of the span.
                var offset = 8 + "static partial void ".Length + 1;
                w.Lines("#line (" + Number(location!.Line) + ", " + Number(location.Column) + ") - (" + Number(location.EndLine) + ", " + Number(location.EndColumn) + ") "
                    + Number(offset) + " \"" + path + "\"");
            }
            w.Line(declaration);
            if (mapped) w.Lines("#line default");
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A step the generated types cannot express (e.g. a default the C# initializers cannot write).</summary>
        private sealed class NotExpressibleException : Exception
        {
            public NotExpressibleException(string message) : base(message)
            {
            }
        }

        /// <summary>The private step methods of nested records, enums and unions, shared by all steps of the subject.</summary>
        private sealed class StepMethods
        {
            private readonly Dictionary<(string From, string To), string> _names = new Dictionary<(string, string), string>();
            private readonly List<string> _bodies = new List<string>();
            private readonly Queue<Action> _pending = new Queue<Action>();
            private int _committedNames;
            private Dictionary<(string From, string To), string> _snapshot = new Dictionary<(string, string), string>();
            private int _variable;

            public IEnumerable<string> Bodies => _bodies;

            /// <summary>The root step of one version pair; nested methods are queued and written to <see cref="Bodies"/>.</summary>
            public SourceWriter Step(RecordMapping root, ContractPlan from, ContractPlan to)
            {
                _snapshot = new Dictionary<(string, string), string>(_names);
                _committedNames = _bodies.Count;
                var w = new SourceWriter();
                w.Open("public static " + to.Clr + " Upcast(" + from.Clr + " value)");
                w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
                w.Lines("return " + New(root, from.Root, to.Root) + ";");
                w.Close();
                while (_pending.Count > 0) _pending.Dequeue()();
                return w;
            }

            /// <summary>Forgets the methods of a step that turned out not to be expressible.</summary>
            public void Discard()
            {
                _pending.Clear();
                _bodies.RemoveRange(_committedNames, _bodies.Count - _committedNames);
                foreach (var key in _names.Keys.Where(k => !_snapshot.ContainsKey(k)).ToList()) _names.Remove(key);
            }

            private string MethodFor(string fromClr, string toClr, Action<string> emit)
            {
                var key = (fromClr, toClr);
                if (_names.TryGetValue(key, out var known)) return known;
                // Overloads by parameter type; a second target for the same source type gets its own name.
                var name = "Upcast";
                if (_names.Keys.Any(k => k.From == fromClr)) name = "Upcast" + _names.Count.ToString(CultureInfo.InvariantCulture);
                _names[key] = name;
                _pending.Enqueue(() => emit(name));
                return name;
            }

            private string New(RecordMapping mapping, RecordPlan from, RecordPlan to)
            {
                var parts = new List<string>();
                foreach (var field in mapping.Fields)
                {
                    var target = to.Fields[field.ReaderIndex];
                    if (field.Value is null)
                    {
                        if (target.IsRequired)
                        {
                            throw new NotExpressibleException($"the default of new field `{field.Reader.Name}` of record `{mapping.Reader.FullName}` has no C# initializer");
                        }
                        continue; // the property's initializer is the schema default
                    }
                    var source = from.Fields[field.WriterIndex];
                    parts.Add(target.Property + " = " + Convert(field.Value, source.Type, target.Type, "value." + source.Property));
                }
                return parts.Count == 0 ? "new " + to.Clr + "()" : "new " + to.Clr + "\n{\n    " + string.Join(",\n    ", parts) + ",\n}";
            }

            private string Variable(string prefix) => prefix + (_variable++).ToString(CultureInfo.InvariantCulture);

            private string Convert(ValueMapping mapping, TypePlan from, TypePlan to, string expression)
            {
                if (from.Declared == to.Declared) return expression; // the same C# type holds the same value
                switch (mapping)
                {
                    case PromotedValue promoted:
                        return Promote(promoted, expression);
                    case EnumMapping enumMapping when from is EnumPlan fromEnum && to is EnumPlan toEnum:
                        if (enumMapping.KeepsOrdinals) return "(" + toEnum.Clr + ")" + expression;
                        return MethodFor(fromEnum.Clr, toEnum.Clr, name => EnumMethod(name, enumMapping, fromEnum, toEnum)) + "(" + expression + ")";
                    case RecordMapping record when from is RecordRefPlan fromRecord && to is RecordRefPlan toRecord:
                        return MethodFor(fromRecord.Clr, toRecord.Clr, name => RecordMethod(name, record, fromRecord.Record, toRecord.Record)) + "(" + expression + ")";
                    case ArrayMapping array when from is ArrayPlan fromArray && to is ArrayPlan toArray:
                    {
                        var item = Variable("item");
                        return CollectionsType + ".List<" + fromArray.Item.Declared + ", " + toArray.Item.Declared + ">(" + expression + ", static " + item + " => "
                            + Convert(array.Items, fromArray.Item, toArray.Item, item) + ")";
                    }
                    case MapMapping map when from is MapPlan fromMap && to is MapPlan toMap:
                    {
                        var item = Variable("item");
                        return CollectionsType + ".Map<" + fromMap.Value.Declared + ", " + toMap.Value.Declared + ">(" + expression + ", static " + item + " => "
                            + Convert(map.Values, fromMap.Value, toMap.Value, item) + ")";
                    }
                    case UnionMapping union:
                        return Union(union, from, to, expression);
                    default:
                        throw new NotExpressibleException("the C# types " + from.Declared + " and " + to.Declared + " have no generated conversion");
                }
            }

            private static string Promote(PromotedValue promoted, string expression) => promoted.To switch
            {
                SchemaTypeKind.Long => "(long)" + expression,
                SchemaTypeKind.Float => "(float)" + expression,
                SchemaTypeKind.Double => "(double)" + expression,
                SchemaTypeKind.Bytes => "global::System.Text.Encoding.UTF8.GetBytes(" + expression + ")",
                SchemaTypeKind.String => "global::System.Text.Encoding.UTF8.GetString(" + expression + ")",
                _ => throw new NotExpressibleException("no promotion to " + promoted.To),
            };

            private string Union(UnionMapping union, TypePlan from, TypePlan to, string expression)
            {
                if (from is NullablePlan fromNullable)
                {
                    var valueBranch = union.Branches.Single(b => b.WriterBranch == fromNullable.ValueIndex);
                    var nullBranch = union.Branches.Single(b => b.WriterBranch == fromNullable.NullIndex);
                    if (!IsNullBranch(nullBranch, to)) throw new NotExpressibleException("null has no place in " + to.Declared);
                    var v = Variable("v");
                    return expression + " is { } " + v + " ? " + Into(valueBranch, fromNullable.Inner, to, v) + " : default(" + to.Declared + ")";
                }
                if (from is UnionPlan fromUnion)
                {
                    return MethodFor(fromUnion.Clr, to.Clr, name => UnionMethod(name, union, fromUnion, to)) + "(" + expression + ")";
                }
                return Into(union.Branches.Single(), from, to, expression);
            }

            private static bool IsNullBranch(BranchMapping branch, TypePlan to) => to switch
            {
                NullablePlan nullable => branch.ReaderBranch == nullable.NullIndex,
                UnionPlan union => union.NullIndex == branch.ReaderBranch,
                _ => false,
            };

            /// <summary>A writer branch value (of type <paramref name="from"/>) as a value of the reader type.</summary>
            private string Into(BranchMapping branch, TypePlan from, TypePlan to, string expression)
            {
                switch (to)
                {
                    case NullablePlan nullable when branch.ReaderBranch == nullable.ValueIndex:
                        return Convert(branch.Value, from, nullable.Inner, expression);
                    case UnionPlan union when branch.ReaderBranch >= 0 && branch.ReaderBranch != union.NullIndex:
                        var target = union.Cases.Single(c => c.Index == branch.ReaderBranch);
                        return "new " + target.Clr + "(" + Convert(branch.Value, from, target.Type, expression) + ")";
                    default:
                        if (branch.ReaderBranch >= 0) throw new NotExpressibleException("a union branch of " + to.Declared + " has no generated conversion");
                        return Convert(branch.Value, from, to, expression);
                }
            }

            private void UnionMethod(string name, UnionMapping union, UnionPlan from, TypePlan to)
            {
                var arms = new List<string>();
                foreach (var branch in union.Branches)
                {
                    if (branch.WriterBranch == from.NullIndex)
                    {
                        if (!IsNullBranch(branch, to)) throw new NotExpressibleException("null has no place in " + to.Declared);
                        arms.Add("null => default(" + to.Declared + ")");
                        continue;
                    }
                    var writerCase = from.Cases.Single(c => c.Index == branch.WriterBranch);
                    var v = Variable("c");
                    arms.Add(writerCase.Clr + " " + v + " => " + Into(branch, writerCase.Type, to, v + ".Value"));
                }
                SwitchMethod(name, to.Declared, from.Declared, arms);
            }

            private void EnumMethod(string name, EnumMapping mapping, EnumPlan from, EnumPlan to)
                => SwitchMethod(name, to.Clr, from.Clr, mapping.ReaderSymbolOf.Select((target, i) => from.Clr + "." + from.Members[i] + " => " + to.Clr + "." + to.Members[target]));

            /// <summary>A method that maps its argument with a switch expression; any other value is out of range.</summary>
            private void SwitchMethod(string name, string returns, string parameter, IEnumerable<string> arms)
            {
                var w = new SourceWriter();
                w.Line("private static " + returns + " " + name + "(" + parameter + " value) => value switch");
                w.Line("{");
                w.Indent();
                foreach (var arm in arms) w.Line(arm + ",");
                w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value)),");
                w.Unindent();
                w.Line("};");
                _bodies.Add(w.ToString());
            }

            private void RecordMethod(string name, RecordMapping mapping, RecordPlan from, RecordPlan to)
            {
                var w = new SourceWriter();
                w.Lines("private static " + to.Clr + " " + name + "(" + from.Clr + " value) => " + New(mapping, from, to) + ";");
                _bodies.Add(w.ToString());
            }
        }
    }
}
