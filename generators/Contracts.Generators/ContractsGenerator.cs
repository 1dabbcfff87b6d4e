using System.Linq;
using Contracts.Generators.Emit;
using Contracts.Generators.Model;
using Contracts.Generators.Parsing;
using Contracts.Schema;
using Contracts.Schema.Repository;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Generators
{
    /// <summary>
    /// Generates a record per schema version, its Avro and JSON codecs and the assembly's contract registry
    /// from <c>*.avsc</c> / <c>*.schema.json</c> AdditionalFiles. This file only wires the pipeline.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ContractsGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var options = context.AnalyzerConfigOptionsProvider
                .Select((provider, _) => OptionsParser.Parse(provider.GlobalOptions))
                .WithTrackingName(TrackingNames.Options);

            var hasWolverine = context.CompilationProvider
                .Select((compilation, _) => WolverineFeatures.Of(compilation))
                .WithTrackingName(TrackingNames.Wolverine);

            var settings = context.AdditionalTextsProvider
                .Where(text => SchemaRepository.IsSettingsFile(text.Path))
                .Select((text, ct) => new SchemaText(text.Path, text.GetText(ct)?.ToString() ?? ""))
                .Collect()
                .Select((texts, _) => EquatableArray<SchemaText>.From(texts.OrderBy(t => t.Path, System.StringComparer.Ordinal)))
                .WithTrackingName(TrackingNames.Settings);

            context.RegisterSourceOutput(settings.Select((s, _) => SchemaFileParser.SettingsDiagnostics(s)), Report);

            // JSON Schema $refs may name other files among the AdditionalFiles (another subject's version, shared
            // definitions); each schema gets only the files its refs name, so its parse input stays equal (and cached)
            // when an unrelated file changes.
            var jsonFiles = context.AdditionalTextsProvider
                .Where(text => text.Path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
                .Select((text, ct) => new SchemaText(text.Path, text.GetText(ct)?.ToString() ?? ""))
                .Collect()
                .WithTrackingName(TrackingNames.JsonFiles);

            // Per file: read and parse each schema on its own, so an edit re-parses only that file.
            var files = context.AdditionalTextsProvider
                .Where(text => SchemaRepository.IsSchemaFile(text.Path))
                .Select((text, ct) => new SchemaText(text.Path, text.GetText(ct)?.ToString() ?? ""))
                .WithTrackingName(TrackingNames.SchemaText)
                .Combine(jsonFiles)
                .Select((pair, _) => SchemaFileParser.WithReferences(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.SchemaReferences)
                .Combine(settings)
                .Select((pair, _) => SchemaFileParser.Parse(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.ParsedFile);

            context.RegisterSourceOutput(files.Select((file, _) => file.Diagnostics), Report);

            // The one cross-file view: group parsed files (cheap values) into subjects; each subject is then
            // emitted on its own and its output is reused while its spec is equal.
            var groups = files.Collect()
                .Combine(options)
                .Combine(hasWolverine)
                .Select((x, _) => SubjectGrouper.Group(x.Left.Left, x.Left.Right, x.Right))
                .WithTrackingName(TrackingNames.Groups);

            context.RegisterSourceOutput(groups.Select((g, _) => g.Diagnostics), Report);

            var subjects = groups
                .SelectMany((g, _) => g.Subjects)
                .WithTrackingName(TrackingNames.Subject);

            context.RegisterSourceOutput(subjects, EmitSubject);

            Handlers.HandlerShellPipeline.Register(context, subjects, options);

            var registry = subjects
                .Select((subject, _) => SubjectGrouper.RegistryEntries(subject))
                .Collect()
                .Combine(options)
                .Combine(hasWolverine)
                .Select((x, _) => (Namespace: x.Left.Right.RegistryNamespace, Entries: EquatableArray<RegistryEntry>.From(x.Left.Left.SelectMany(e => e).OrderBy(e => e.Subject, System.StringComparer.Ordinal).ThenBy(e => e.Version)), Forwarding: x.Right.Forwarding))
                .WithTrackingName(TrackingNames.Registry);

            context.RegisterSourceOutput(registry, (spc, r) =>
                spc.AddSource("ContractRegistry.g.cs", SourceText.From(RegistryEmitter.Emit(CSharpNamespace(r.Namespace), r.Entries.ToArray(), r.Forwarding), System.Text.Encoding.UTF8)));
        }

        private static string CSharpNamespace(string ns) => string.Join(".", ns.Split('.').Where(p => p.Length > 0).Select(CSharpSyntax.Identifier));

        private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var info in diagnostics) context.ReportDiagnostic(Diagnostics.Create(info));
        }

        private static void EmitSubject(SourceProductionContext context, SubjectSpec subject)
        {
            var latest = subject.Versions[subject.Versions.Count - 1].Version;
            var plans = new System.Collections.Generic.List<ContractPlan>(subject.Versions.Count);
            foreach (var version in subject.Versions)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var isLatest = version.Version == latest;
                var plan = new ContractPlan(version, isLatest, subject.Options);
                plans.Add(plan);
                var hint = subject.Subject + ".v" + version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // One file per version (record and codecs): fewer, larger syntax trees compile faster.
                var w = new SourceWriter();
                w.Header();
                ContractEmitter.Emit(w, plan, isLatest, subject.Wolverine.MessageIdentity, latest);
                if (SubjectGrouper.EmitsAvro(version, subject.Options)) AvroCodecEmitter.Emit(w, plan);
                if (subject.Options.EmitJson) JsonCodecEmitter.Emit(w, plan);
                context.AddSource(hint + ".g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
            }
            if (plans.Count > 1)
            {
                context.AddSource(subject.Subject + ".Upcasters.g.cs", SourceText.From(UpcasterEmitter.Emit(plans, subject.Wolverine.Forwarding), System.Text.Encoding.UTF8));
            }
        }
    }
}
