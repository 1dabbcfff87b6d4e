using System.Collections.Generic;
using System.Globalization;
using Contracts.Generators.Model;

namespace Contracts.Generators.Emit
{
    /// <summary>Emits the assembly's <c>ContractRegistry</c>: every contract version with its codecs.</summary>
    internal static class RegistryEmitter
    {
        public static string Emit(string ns, IReadOnlyList<RegistryEntry> entries)
        {
            var w = new SourceWriter();
            w.Header();
            w.Open("namespace " + ns);
            w.Line("/// <summary>Every contract version generated in this assembly, with its codecs (no reflection scanning needed).</summary>");
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            w.Open("public static class ContractRegistry");
            w.Line("/// <summary>Every contract version, by subject then version.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::Contracts.ContractRegistration> All { get; } = new global::Contracts.ContractRegistration[]");
            w.Line("{");
            w.Indent();
            foreach (var entry in entries)
            {
                w.Line("global::Contracts.ContractRegistration.Create<" + entry.ClrType + ">(" + (entry.AvroCodec is null ? "null" : entry.AvroCodec + ".Instance") + ", "
                    + (entry.JsonCodec is null ? "null" : entry.JsonCodec + ".Instance") + "),");
            }
            w.Unindent();
            w.Line("};");
            w.Line();
            w.Line("/// <summary>The registration of a subject's version, or null.</summary>");
            w.Line("/// <param name=\"subject\">The subject.</param>");
            w.Line("/// <param name=\"version\">The version.</param>");
            w.Line("/// <returns>The registration, or null when this assembly has no such contract.</returns>");
            w.Open("public static global::Contracts.ContractRegistration? Find(string subject, int version)");
            w.Open("foreach (var registration in All)");
            w.Line("if (registration.Info.Version == version && registration.Info.Subject == subject) return registration;");
            w.Close();
            w.Line("return null;");
            w.Close();
            w.Close();
            w.Close();
            return w.ToString();
        }
    }
}
