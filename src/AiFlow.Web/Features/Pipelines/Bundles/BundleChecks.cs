namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// What a bundle must satisfy before any console looks at it: the members it needs, a hash that matches each item's
/// content, no item twice, and every reference (node → step, step → prompt, IR schema, metric profile) found inside the
/// bundle. Each issue carries the JSON pointer of the part it is about.
/// </summary>
public static class BundleChecks
{
    public static IReadOnlyList<BundleIssue> Find(PipelineBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var issues = new List<BundleIssue>();
        if (bundle.Format != PipelineBundle.CurrentFormat)
        {
            issues.Add(new("/format", FormatMessage(bundle.Format)));
            return issues;
        }
        if (bundle.Pipeline is not { } pipeline) issues.Add(new("/pipeline", "The bundle has no 'pipeline'."));
        else
        {
            Require(issues, "/pipeline/key", pipeline.Key, "The pipeline's 'key' is required.");
            Require(issues, "/pipeline/name", pipeline.Name, "The pipeline's 'name' is required.");
            CheckHash(issues, "/pipeline", pipeline.Hash, BundleHash.Of(pipeline), "pipeline");
        }
        if (bundle.Version is not { } version) issues.Add(new("/version", "The bundle has no 'version'."));
        else
        {
            if (version.Number < 1) issues.Add(new("/version/number", "The version 'number' must be 1 or more."));
            if (version.Nodes is null) issues.Add(new("/version/nodes", "The version has no 'nodes' list."));
            else CheckHash(issues, "/version", version.Hash, BundleHash.Of(version), "version");
        }

        var steps = Index(issues, "/steps", bundle.Steps, s => s.Key, s => s.Number, s => s.Hash, BundleHash.Of);
        var prompts = Index(issues, "/prompts", bundle.Prompts, p => p.Key, p => p.Number, p => p.Hash, BundleHash.Of);
        var schemas = Index(issues, "/irSchemas", bundle.IrSchemas, s => s.Key, s => s.Number, s => s.Hash, BundleHash.Of);
        var profiles = Index(issues, "/metricProfiles", bundle.MetricProfiles, p => p.Key, _ => 0, p => p.Hash, BundleHash.Of);

        for (var i = 0; i < (bundle.Steps?.Count ?? 0); i++)
        {
            var step = bundle.Steps![i];
            var at = $"/steps/{i}";
            if (step is null) continue;
            if (step.Kind is null) issues.Add(new($"{at}/kind", "A step's 'kind' is required."));
            if (step.Prompt is { } prompt && !prompts.Contains((prompt.Key ?? "", prompt.Number)))
                issues.Add(new($"{at}/prompt", $"The bundle's 'prompts' hold no {prompt}."));
            if (step.IrSchema is { } schema && !schemas.Contains((schema.Key ?? "", schema.Number)))
                issues.Add(new($"{at}/irSchema", $"The bundle's 'irSchemas' hold no {schema}."));
            if (step.MetricProfile is { } profile && !profiles.Contains((profile, 0)))
                issues.Add(new($"{at}/metricProfile", $"The bundle's 'metricProfiles' hold no '{profile}'."));
        }
        for (var i = 0; i < (bundle.Version?.Nodes?.Count ?? 0); i++)
        {
            var node = bundle.Version!.Nodes![i];
            var at = $"/version/nodes/{i}";
            if (node is null) { issues.Add(new(at, "A node is empty.")); continue; }
            Require(issues, $"{at}/key", node.Key, "A node's 'key' is required.");
            if (node.DependsOn is null || node.DependsOn.Any(d => d is null)) issues.Add(new($"{at}/dependsOn", "A node's 'dependsOn' must be a list of node keys."));
            if (node.Step is not { } step) issues.Add(new($"{at}/step", "A node's 'step' is required."));
            else if (!steps.Contains((step.Key ?? "", step.Number))) issues.Add(new($"{at}/step", $"The bundle's 'steps' hold no {step}."));
            if (node.MetricProfile is { } profile && !profiles.Contains((profile, 0)))
                issues.Add(new($"{at}/metricProfile", $"The bundle's 'metricProfiles' hold no '{profile}'."));
        }
        return issues;
    }

    /// <summary>Why a file of another format is refused; format 1 is the old single-console export.</summary>
    public static string FormatMessage(int? format) => format switch
    {
        1 => "This is a format-1 export: it names steps by one console's ids and carries no steps, prompts or schemas, so it cannot move " +
             $"between consoles. Export the version again from its console to get a format-{PipelineBundle.CurrentFormat} bundle.",
        null => $"The file has no 'format'; this console reads pipeline bundles of format {PipelineBundle.CurrentFormat}.",
        _ => $"Unknown format {format}; this console reads pipeline bundles of format {PipelineBundle.CurrentFormat}.",
    };

    private static HashSet<(string, int)> Index<T>(List<BundleIssue> issues, string at, List<T>? items, Func<T, string?> key, Func<T, int> number,
        Func<T, string?> hash, Func<T, string> compute) where T : class
    {
        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            if (item is null) { issues.Add(new($"{at}/{i}", "An entry is empty.")); continue; }
            if (string.IsNullOrWhiteSpace(key(item))) { issues.Add(new($"{at}/{i}/key", "An entry's 'key' is required.")); continue; }
            if (typeof(T) != typeof(BundleMetricProfile) && number(item) < 1) issues.Add(new($"{at}/{i}/number", "A version 'number' must be 1 or more."));
            if (!seen.Add((key(item)!, number(item)))) issues.Add(new($"{at}/{i}", $"'{key(item)}'{(number(item) > 0 ? $" v{number(item)}" : "")} is in the bundle twice."));
            CheckHash(issues, $"{at}/{i}", hash(item), compute(item), key(item)!);
        }
        return seen;
    }

    private static void CheckHash(List<BundleIssue> issues, string at, string? given, string computed, string what)
    {
        if (string.IsNullOrWhiteSpace(given)) issues.Add(new($"{at}/hash", $"'{what}' has no 'hash'."));
        else if (!string.Equals(given, computed, StringComparison.Ordinal))
        {
            issues.Add(new($"{at}/hash", $"The hash of '{what}' does not match its content (the content hashes to {computed}): it was changed after export."));
        }
    }

    private static void Require(List<BundleIssue> issues, string at, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) issues.Add(new(at, message));
    }
}
