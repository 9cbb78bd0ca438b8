using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>The version's meaning (nodes) and drawing (layout); its hash covers the nodes only, as moving a node changes nothing.</summary>
public sealed record BundlePipelineVersion(int Number, string? Notes, List<BundleNode>? Nodes, DagLayout? Layout, string? Hash);
