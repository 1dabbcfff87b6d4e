using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Tests;

/// <summary>The generator is cache-friendly: a no-op run reuses everything; editing one schema re-runs only its subject.</summary>
public class IncrementalCacheTests
{
    private static readonly string[] AllSteps =
    [
        TrackingNames.Options, TrackingNames.Settings, TrackingNames.SchemaText, TrackingNames.JsonFiles, TrackingNames.SchemaReferences, TrackingNames.ParsedFile,
        TrackingNames.Wolverine, TrackingNames.Groups, TrackingNames.Subject, TrackingNames.Registry,
    ];

    [Fact]
    public void a_second_run_with_nothing_changed_reuses_every_step()
    {
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver(GeneratorHarness.ValidSchemas()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(compilation.Clone());
        var second = driver.GetRunResult().Results.Single();

        foreach (var step in AllSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), step + " was not tracked");
            foreach (var run in second.TrackedSteps[step])
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}");
                }
            }
        }
        foreach (var (_, runs) in second.TrackedOutputSteps)
        {
            Assert.All(runs.SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void editing_one_schema_re_runs_only_that_subject()
    {
        var texts = GeneratorHarness.ValidSchemas();
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver(texts).RunGenerators(compilation);

        var old = texts.Single(t => t.Path.EndsWith("PlaceOrder.v1.avsc"));
        var edited = new InMemoryText(old.Path, old.GetText()!.ToString().Replace("\"name\": \"PlaceOrder\",", "\"name\": \"PlaceOrder\", \"doc\": \"Place an order.\","));
        driver = driver.ReplaceAdditionalText(old, edited).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var parsed = result.TrackedSteps[TrackingNames.ParsedFile].SelectMany(r => r.Outputs).ToList();
        Assert.Single(parsed, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(parsed.Count - 1, parsed.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var subjects = result.TrackedSteps[TrackingNames.Subject].SelectMany(r => r.Outputs).ToList();
        var modified = Assert.Single(subjects, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains("PlaceOrder", modified.Value.ToString());
        Assert.All(subjects.Where(o => o != modified), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));

        // The registry's lines did not change (a doc edit), so its output is reused.
        Assert.All(result.TrackedSteps[TrackingNames.Registry].SelectMany(r => r.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("Place an order.", result.GeneratedSources.Single(s => s.HintName == "com.acme.shop.PlaceOrder.v1.g.cs").SourceText.ToString());
    }

    [Fact]
    public void step_outputs_hold_no_roslyn_objects()
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.ValidSchemas()).RunGenerators(GeneratorHarness.Compilation());
        var result = driver.GetRunResult().Results.Single();
        foreach (var (step, runs) in result.TrackedSteps.Where(s => AllSteps.Contains(s.Key)))
        {
            foreach (var (value, _) in runs.SelectMany(r => r.Outputs))
            {
                AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }

    internal static void AssertNoRoslynObjects(object? value, string step, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 40) return;
        var type = value.GetType();
        if (type.IsPrimitive || value is string || type.IsEnum) return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel or AdditionalText,
            $"{step} holds a {type.FullName}");
        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable items)
        {
            foreach (var item in items) AssertNoRoslynObjects(item, step, seen, depth + 1);
            return;
        }
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), step, seen, depth + 1);
        }
    }
}
