using System.Globalization;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Emit
{
    /// <summary>Emits one contract version: the record, its nested named types and unions, and its metadata.</summary>
    internal static class ContractEmitter
    {
        public static void Emit(SourceWriter w, ContractPlan plan, bool isLatest, bool hasWolverine, int latestVersion)
        {
            var schema = plan.Schema;
            w.Open("namespace " + plan.Namespace);
            var root = plan.Root;
            CSharpSyntax.Summary(w, root.Type.Doc ?? (schema.Subject + " version " + schema.Version.ToString(CultureInfo.InvariantCulture) + "."));
            w.Line("/// <remarks>");
            w.Line("/// Contract <c>" + Escape(schema.Subject) + "</c> version " + schema.Version.ToString(CultureInfo.InvariantCulture)
                + (isLatest ? " (the latest)" : " (superseded: the latest is version " + latestVersion.ToString(CultureInfo.InvariantCulture) + ")")
                + ", generated from <c>" + Escape(FileName(schema.Path)) + "</c>.");
            w.Line("/// </remarks>");
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            w.Line(ContractAttribute(plan));
            if (hasWolverine)
            {
                w.Line("[global::Wolverine.Attributes.MessageIdentity(" + CSharpSyntax.String(schema.Subject) + ", Version = " + schema.Version.ToString(CultureInfo.InvariantCulture) + ")]");
            }
            w.Open("public sealed partial record " + plan.TypeName + " : global::Contracts.IContract");
            EmitContractInfo(w, plan);
            EmitKeys(w, plan);
            EmitMembers(w, root);
            foreach (var enumPlan in plan.Enums) EmitEnum(w, enumPlan);
            foreach (var nested in plan.NestedRecords)
            {
                w.Line();
                CSharpSyntax.Summary(w, nested.Type.Doc ?? ("The record " + nested.Type.FullName + "."));
                w.Line(CSharpSyntax.GeneratedCodeAttribute);
                w.Open("public sealed partial record " + nested.Name);
                EmitMembers(w, nested);
                w.Close();
            }
            w.Close();
            w.Close();
        }

        /// <summary><c>[Contract(subject, version, kind, ...)]</c>: what the CTR3xxx analyzers read, also across assemblies.</summary>
        private static string ContractAttribute(ContractPlan plan)
        {
            var s = plan.Schema;
            var text = "[global::Contracts.Contract(" + CSharpSyntax.String(s.Subject) + ", " + s.Version.ToString(CultureInfo.InvariantCulture) + ", "
                + KindExpression(s);
            string? PropertyOf(string? field) => field is null ? null : plan.Root.Fields.FirstOrDefault(f => f.Field.Name == field)?.Property;
            if (PropertyOf(s.Settings.PartitionKey) is { } partition) text += ", PartitionKeyProperty = " + CSharpSyntax.String(CSharpSyntax.Bare(partition));
            if (PropertyOf(s.Settings.IdempotencyKey) is { } idempotency) text += ", IdempotencyKeyProperty = " + CSharpSyntax.String(CSharpSyntax.Bare(idempotency));
            return text + ")]";
        }

        private static string KindExpression(ContractSchema s)
            => s.Settings.Kind == MessageKind.Command ? "global::Contracts.ContractKind.Command" : "global::Contracts.ContractKind.Event";

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\n", " ").Replace("\r", " ");

        private static string FileName(string path)
        {
            var p = path.Replace('\\', '/');
            var slash = p.LastIndexOf('/');
            return slash < 0 ? p : p.Substring(slash + 1);
        }

        private static void EmitContractInfo(SourceWriter w, ContractPlan plan)
        {
            var s = plan.Schema;
            w.Line("/// <summary>The build-time description of this contract version: subject, version, kind, fingerprints and schema.</summary>");
            w.Line("public static global::Contracts.ContractInfo ContractInfo { get; } = new global::Contracts.ContractInfo(");
            w.Indent();
            w.Line(CSharpSyntax.String(s.Subject) + ",");
            w.Line(s.Version.ToString(CultureInfo.InvariantCulture) + ",");
            w.Line(KindExpression(s) + ",");
            w.Line("typeof(" + plan.Clr + "),");
            w.Line("0x" + s.Fingerprint.Crc64Hex + "UL,");
            w.Line(CSharpSyntax.String(s.Fingerprint.Sha256) + ",");
            w.Line(CSharpSyntax.String(s.Text) + ",");
            w.Line((s.Settings.PartitionKey is null ? "null" : CSharpSyntax.String(s.Settings.PartitionKey)) + ",");
            // The mode is emitted only when it is not the default (BACKWARD), so most contracts keep the short form.
            var idempotencyKey = s.Settings.IdempotencyKey is null ? "null" : CSharpSyntax.String(s.Settings.IdempotencyKey);
            if (s.Settings.Mode == CompatibilityMode.Backward)
            {
                w.Line(idempotencyKey + ");");
            }
            else
            {
                w.Line(idempotencyKey + ",");
                w.Line("global::Contracts.ContractCompatibility." + s.Settings.Mode.ToString() + ");");
            }
            w.Unindent();
        }

        private static void EmitKeys(SourceWriter w, ContractPlan plan)
        {
            void Key(string? fieldName, string method, string what)
            {
                if (fieldName is null) return;
                var field = plan.Root.Fields.FirstOrDefault(f => f.Field.Name == fieldName);
                if (field is null) return;
                w.Line();
                w.Line("/// <summary>The " + what + ": the value of <c>" + Escape(fieldName) + "</c> as invariant text (empty when null).</summary>");
                w.Line("public string " + method + "() => " + KeyText("this." + field.Property, field.Type) + ";");
            }
            Key(plan.Schema.Settings.PartitionKey, "GetPartitionKey", "partition key");
            Key(plan.Schema.Settings.IdempotencyKey, "GetIdempotencyKey", "idempotency key");
        }

        private static string KeyText(string access, TypePlan type)
        {
            if (type is NullablePlan nullable)
            {
                return access + " is { } key ? " + KeyText("key", nullable.Inner) + " : string.Empty";
            }
            switch (type)
            {
                case PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.String }:
                    return access;
                case PrimitivePlan { LogicalName: "uuid" }:
                    return access + ".ToString(\"D\")";
                case PrimitivePlan { LogicalName: "date" }:
                    return access + ".ToString(\"yyyy-MM-dd\", global::System.Globalization.CultureInfo.InvariantCulture)";
                case PrimitivePlan { LogicalName: "timestamp-millis" or "timestamp-micros" }:
                    return access + ".ToUniversalTime().ToString(\"O\", global::System.Globalization.CultureInfo.InvariantCulture)";
                case PrimitivePlan p when p.Kind is SchemaTypeKind.Int or SchemaTypeKind.Long or SchemaTypeKind.Float or SchemaTypeKind.Double || p.LogicalName == "decimal":
                    return access + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)";
                case EnumPlan e:
                    return access + ".ToString()";
                default:
                    return "global::System.Convert.ToString(" + access + ", global::System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty";
            }
        }

        private static void EmitMembers(SourceWriter w, RecordPlan record)
        {
            var first = !record.IsRoot;
            foreach (var field in record.Fields)
            {
                if (!first) w.Line();
                first = false;
                if (field.Field.Doc is { } doc) CSharpSyntax.Summary(w, doc);
                else w.Line("/// <summary>The <c>" + Escape(field.Field.Name) + "</c> field.</summary>");
                if (field.Field.DefaultJson is { } json)
                {
                    w.Line("/// <remarks>Schema default: <c>" + Escape(json.Length > 200 ? json.Substring(0, 200) + "..." : json) + "</c>.</remarks>");
                }
                var declaration = "public " + (field.IsRequired ? "required " : "") + field.Type.Declared + " " + field.Property + " { get; init; }";
                if (field.DefaultExpression is not null) declaration += " = " + field.DefaultExpression + ";";
                w.Line(declaration);
            }
            foreach (var union in record.Unions) EmitUnion(w, union);
        }

        private static void EmitEnum(SourceWriter w, EnumPlan plan)
        {
            w.Line();
            CSharpSyntax.Summary(w, plan.Type.Doc ?? ("The enum " + plan.Type.FullName + "."));
            if (plan.Type.Default is { } d)
            {
                w.Line("/// <remarks>An unknown symbol is read as <c>" + Escape(d) + "</c> (the schema's enum default).</remarks>");
            }
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            var name = plan.Clr.Substring(plan.Clr.LastIndexOf('.') + 1);
            w.Open("public enum " + name);
            for (var i = 0; i < plan.Members.Length; i++)
            {
                w.Line("/// <summary><c>" + Escape(plan.Type.Symbols[i]) + "</c></summary>");
                w.Line(plan.Members[i] + " = " + i.ToString(CultureInfo.InvariantCulture) + ",");
            }
            w.Close();
        }

        private static void EmitUnion(SourceWriter w, UnionPlan union)
        {
            w.Line();
            CSharpSyntax.Summary(w, "One of the branches of the union in " + union.Doc + ": "
                + string.Join(", ", union.Cases.Select(c => c.JsonName)) + (union.NullIndex is null ? "" : " (or null)") + ".");
            w.Line("/// <remarks>A closed hierarchy: every value is one of the nested case records; use <see cref=\"Match{TResult}\"/> to handle each.</remarks>");
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            w.Open("public abstract partial record " + union.Name);
            w.Line("private " + union.Name + "()");
            w.Line("{");
            w.Line("}");
            foreach (var c in union.Cases)
            {
                w.Line();
                w.Line("/// <summary>The <c>" + Escape(c.JsonName) + "</c> branch.</summary>");
                w.Line("/// <param name=\"Value\">The branch value.</param>");
                w.Line("public sealed partial record " + c.Name + "(" + c.Type.Declared + " Value) : " + union.Clr + ";");
            }
            w.Line();
            w.Line("/// <summary>Calls the function for this value's branch.</summary>");
            w.Line("/// <typeparam name=\"TResult\">The result type.</typeparam>");
            var parameters = union.Cases.Select(c => (c, p: CSharpSyntax.Identifier("on" + CSharpSyntax.Bare(c.Name)))).ToList();
            foreach (var (c, p) in parameters)
            {
                w.Line("/// <param name=\"" + CSharpSyntax.Bare(p) + "\">Handles the <c>" + Escape(c.JsonName) + "</c> branch.</param>");
            }
            w.Line("/// <returns>The result of the function that was called.</returns>");
            w.Line("public TResult Match<TResult>(" + string.Join(", ", parameters.Select(x => "global::System.Func<" + x.c.Clr + ", TResult> " + x.p)) + ") => this switch");
            w.Line("{");
            w.Indent();
            foreach (var (c, p) in parameters)
            {
                w.Line(c.Clr + " value => " + p + "(value),");
            }
            w.Line("_ => throw new global::System.InvalidOperationException(\"unknown union case\"),");
            w.Unindent();
            w.Line("};");
            w.Close();
        }
    }
}
