using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// A console's rows as bundle items, hash included. Export writes these; import projects the rows it already has the
/// same way, so "same hash" means the same content whichever console computed it.
/// </summary>
public static class BundleProjection
{
    public static BundlePipeline Pipeline(PipelineDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var item = new BundlePipeline(d.Key, d.Name, d.Description, d.InputSchemaJson is null ? null : JsonNode.Parse(d.InputSchemaJson), null);
        return item with { Hash = BundleHash.Of(item) };
    }

    public static BundlePipelineVersion Version(PipelineVersion v, Func<Guid, BundleRef?> step, Func<Guid?, string?> profile)
    {
        ArgumentNullException.ThrowIfNull(v);
        var nodes = v.Dag.Nodes.Select(n => new BundleNode(n.Key, step(n.StepVersionId), [.. n.DependsOn], n.Condition, n.Retries, n.TimeoutMs,
            n.ContinueOnFail, n.ParallelGroup, profile(n.MetricProfileId), n.Params?.DeepClone().AsObject())).ToList();
        var item = new BundlePipelineVersion(v.Number, v.Notes, nodes, v.Layout, null);
        return item with { Hash = BundleHash.Of(item) };
    }

    public static BundleStep Step(StepDefinition d, StepVersion v, BundleRef? prompt, BundleRef? irSchema, string? profile, string? route)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(v);
        var item = new BundleStep(d.Key, v.Number, d.Name, d.Kind, prompt, irSchema, profile, route, v.ValidationMode,
            JsonNode.Parse(v.ParamsJson) as JsonObject ?? [], v.ReviewSamplingRate, v.Guidelines, [.. v.LabelSet], v.ReviewersNeeded, v.RatingScale,
            v.BlindReview, v.ReviewLeaseMinutes, null,
            v.Importance == CallImportance.Normal ? null : v.Importance, v.CostSensitive ? true : null);
        return item with { Hash = BundleHash.Of(item) };
    }

    public static BundlePrompt Prompt(PromptTemplate t, PromptTemplateVersion v)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(v);
        var item = new BundlePrompt(t.Key, v.Number, t.Name, v.SystemPrompt, v.Template, [.. v.Variables], [.. v.Variants], null);
        return item with { Hash = BundleHash.Of(item) };
    }

    public static BundleIrSchema IrSchema(IrSchema s, IrSchemaVersion v)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(v);
        var item = new BundleIrSchema(s.Name, v.Number, JsonNode.Parse(v.SchemaJson), v.AssertFormats, null);
        return item with { Hash = BundleHash.Of(item) };
    }

    public static BundleMetricProfile Profile(MetricProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var item = new BundleMetricProfile(p.Key, p.Name, [.. p.Targets], null);
        return item with { Hash = BundleHash.Of(item) };
    }

    /// <summary>The bundle's nodes as a DAG of this console, with step versions and profiles resolved to its ids.</summary>
    public static PipelineDag Dag(IEnumerable<BundleNode> nodes, Func<BundleRef, Guid> step, Func<string, Guid> profile) => new()
    {
        Nodes = [.. nodes.Select(n => new DagNode
        {
            Key = n.Key!, StepVersionId = step(n.Step!), DependsOn = [.. n.DependsOn!], Condition = n.Condition, Retries = n.Retries,
            TimeoutMs = n.TimeoutMs, ContinueOnFail = n.ContinueOnFail, ParallelGroup = n.ParallelGroup,
            MetricProfileId = n.MetricProfile is null ? null : profile(n.MetricProfile), Params = n.Params?.DeepClone().AsObject(),
        })],
    };
}
