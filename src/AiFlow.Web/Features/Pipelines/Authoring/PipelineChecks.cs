using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs.Linking;
using AiFlow.Infrastructure.Pipelines.Conditions;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>
/// Everything that must hold before a version is published: the domain <see cref="DagValidator"/> (with step versions
/// that exist), each node's condition checked against its ancestors and their metric profiles, and any output links
/// a node's params declare.
/// </summary>
public static class PipelineChecks
{
    public static IReadOnlyList<EditorIssue> Validate(PipelineDag dag, AuthoringCatalog catalog)
    {
        var known = catalog.Steps.Select(s => s.StepVersionId).ToHashSet();
        var notRunnable = catalog.NotRunnable ?? new Dictionary<Guid, string>();
        // A step version that exists but cannot run is named for what it is, not reported as missing.
        var issues = DagValidator.Validate(dag, id => known.Contains(id) || notRunnable.ContainsKey(id)).Issues
            .Select(i => new EditorIssue(i.Message, i.Nodes)).ToList();
        foreach (var node in dag.Nodes)
        {
            if (notRunnable.TryGetValue(node.StepVersionId, out var why)) issues.Add(new EditorIssue($"Node '{node.Key}' uses {why}", [node.Key]));
        }
        foreach (var node in dag.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Condition)))
        {
            var check = ConditionChecker.Check(node.Condition, ScopeOf(dag, node.Key, catalog));
            issues.AddRange(check.Errors.Select(e => new EditorIssue($"Node '{node.Key}' condition: {e}", [node.Key])));
        }
        foreach (var node in dag.Nodes)
        {
            // A node's params override its step's, so a node can declare (or switch off, with null) output links of its own.
            if (node.Params?.TryGetPropertyValue(OutputLinkEvaluator.ParamName, out var links) == true
                && !OutputLinkEvaluator.TryParse(links, out _, out var problem))
            {
                issues.Add(new EditorIssue($"Node '{node.Key}' params: {problem}", [node.Key]));
            }
        }
        return issues;
    }

    /// <summary>The nodes that run before <paramref name="nodeKey"/> and the metrics each of them measures.</summary>
    public static ConditionScope ScopeOf(PipelineDag dag, string nodeKey, AuthoringCatalog catalog)
    {
        var byKey = new Dictionary<string, DagNode>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes) byKey.TryAdd(node.Key, node);
        var ancestors = StepInput.Ancestors(dag, nodeKey);

        var metrics = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var key in ancestors)
        {
            if (!byKey.TryGetValue(key, out var node)) continue;
            var profile = catalog.Profile(node.MetricProfileId ?? catalog.Step(node.StepVersionId)?.MetricProfileId);
            if (profile is not null) metrics[key] = profile.MetricKeys.ToHashSet(StringComparer.Ordinal);
        }
        return new ConditionScope(ancestors, metrics);
    }
}
