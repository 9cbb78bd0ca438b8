using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>A DAG node as the bundle carries it: its step and metric profile by key instead of a console's ids.</summary>
public sealed record BundleNode(
    string? Key,
    BundleRef? Step,
    List<string>? DependsOn,
    string? Condition,
    int Retries,
    int? TimeoutMs,
    bool ContinueOnFail,
    string? ParallelGroup,
    string? MetricProfile,
    JsonObject? Params);
