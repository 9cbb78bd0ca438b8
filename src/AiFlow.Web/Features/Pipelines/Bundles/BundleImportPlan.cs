namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// What importing a checked bundle into a console would do, decided without touching it: each item is created when
/// the console lacks it, reused when the console has the same key with the same hash, and a conflict (with the reason
/// and the bundle pointer) when the key is there with other content. Model routes are never carried, so a missing one
/// is a missing reference. Only a plan with no conflicts and nothing missing is carried out.
/// </summary>
public sealed class BundleImportPlan
{
    private readonly HashSet<BundleItemKey> creates = [];

    public List<BundleIssue> Conflicts { get; } = [];
    public List<BundleIssue> Missing { get; } = [];
    public List<string> Created { get; } = [];
    public List<string> Reused { get; } = [];

    public bool CanImport => Conflicts.Count == 0 && Missing.Count == 0;

    public bool Creates(BundleSection section, string key, int number = 0) => creates.Contains(new(section, key, number));

    public static BundleImportPlan Decide(PipelineBundle bundle, BundleTarget target)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(target);
        var plan = new BundleImportPlan();
        var pipeline = bundle.Pipeline!;
        var version = bundle.Version!;
        for (var i = 0; i < (bundle.MetricProfiles?.Count ?? 0); i++)
        {
            var p = bundle.MetricProfiles![i];
            plan.Decide(target, $"/metricProfiles/{i}", new(BundleSection.MetricProfile, p.Key!, 0), p.Hash!);
        }
        for (var i = 0; i < (bundle.Prompts?.Count ?? 0); i++)
        {
            var p = bundle.Prompts![i];
            plan.Decide(target, $"/prompts/{i}", new(BundleSection.Prompt, p.Key!, p.Number), p.Hash!);
        }
        for (var i = 0; i < (bundle.IrSchemas?.Count ?? 0); i++)
        {
            var s = bundle.IrSchemas![i];
            plan.Decide(target, $"/irSchemas/{i}", new(BundleSection.IrSchema, s.Key!, s.Number), s.Hash!);
        }
        for (var i = 0; i < (bundle.Steps?.Count ?? 0); i++)
        {
            var s = bundle.Steps![i];
            if (target.StepKinds.TryGetValue(s.Key!, out var kind) && kind != s.Kind)
            {
                plan.Conflicts.Add(new($"/steps/{i}/kind", $"Step '{s.Key}' is a {kind} step on this console, not a {s.Kind} step."));
                continue;
            }
            if (s.ModelRoute is { } route && !target.ModelRoutes.Contains(route))
            {
                plan.Missing.Add(new($"/steps/{i}/modelRoute",
                    $"This console has no model route '{route}'. Routes hold a console's endpoints and secrets and are not carried: create it, then import again."));
            }
            plan.Decide(target, $"/steps/{i}", new(BundleSection.Step, s.Key!, s.Number), s.Hash!);
        }
        plan.Decide(target, "/pipeline", new(BundleSection.Pipeline, pipeline.Key!, 0), pipeline.Hash!,
            "its input schema differs from the bundle's");
        plan.Decide(target, "/version", new(BundleSection.Version, pipeline.Key!, version.Number), version.Hash!);
        return plan;
    }

    private void Decide(BundleTarget target, string pointer, BundleItemKey key, string hash, string differs = "its content differs from the bundle's")
    {
        if (!target.Items.TryGetValue(key, out var existing))
        {
            creates.Add(key);
            Created.Add(key.ToString());
        }
        else if (existing.Blocker is { } blocker) Conflicts.Add(new(pointer, $"This console's {key} {blocker}."));
        else if (!string.Equals(existing.Hash, hash, StringComparison.Ordinal))
        {
            Conflicts.Add(new(pointer, $"This console already has {key} and {differs} (hash {existing.Hash[..12]}… here, {hash[..Math.Min(12, hash.Length)]}… in the bundle). Nothing was imported."));
        }
        else Reused.Add(key.ToString());
    }
}
