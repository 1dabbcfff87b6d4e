using System.Collections.Generic;
using System.Globalization;
using Contracts.Generators.Model;

namespace Contracts.Generators.Emit
{
    /// <summary>Emits the assembly's <c>ContractRegistry</c>: every contract version with its codecs.</summary>
    internal static class RegistryEmitter
    {
        public static string Emit(string ns, IReadOnlyList<RegistryEntry> entries, bool forwarding)
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
                var codecs = (entry.AvroCodec is null ? "null" : entry.AvroCodec + ".Instance") + ", " + (entry.JsonCodec is null ? "null" : entry.JsonCodec + ".Instance");
                w.Line(entry.LatestClrType is null
                    ? "global::Contracts.ContractRegistration.Create<" + entry.ClrType + ">(" + codecs + "),"
                    : "global::Contracts.ContractRegistration.Create<" + entry.ClrType + ", " + entry.LatestClrType + ">(" + codecs + ", static value => value.ToLatest()),");
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
            if (forwarding) EmitForwarders(w, entries);
            w.Close();
            w.Close();
            return w.ToString();
        }

        private static void EmitForwarders(SourceWriter w, IReadOnlyList<RegistryEntry> entries)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Registers every older contract version as a Wolverine message forwarder to its subject's latest version, so a");
            w.Line("/// handler of the latest version receives older ones upcast (no assembly scanning).");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"options\">The Wolverine options.</param>");
            w.Line("/// <returns>The same options.</returns>");
            w.Open("public static global::Wolverine.WolverineOptions RegisterContractForwarders(this global::Wolverine.WolverineOptions options)");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
            foreach (var entry in entries)
            {
                if (entry.LatestClrType is null) continue;
                w.Line("options.RegisterMessageForwarder<" + entry.ClrType + ", " + entry.LatestClrType + ">();");
            }
            w.Line("return options;");
            w.Close();
        }
    }
}
