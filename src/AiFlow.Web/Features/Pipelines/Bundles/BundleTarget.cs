using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>What the importing console holds under the bundle's keys: items, step definitions' kinds, model route names.</summary>
public sealed record BundleTarget(
    IReadOnlyDictionary<BundleItemKey, TargetItem> Items,
    IReadOnlyDictionary<string, StepKind> StepKinds,
    IReadOnlySet<string> ModelRoutes);
