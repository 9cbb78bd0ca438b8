namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// A published pipeline version with everything it pins, to move between consoles (ADR 0030). Items refer to each other
/// by key and version number, never by a console's ids; each carries the SHA-256 of its canonical content
/// (<see cref="BundleHash"/>), so a console can tell an item it already has from one that merely shares its name.
/// </summary>
public sealed record PipelineBundle(
    int Format,
    BundlePipeline? Pipeline,
    BundlePipelineVersion? Version,
    List<BundleStep>? Steps,
    List<BundlePrompt>? Prompts,
    List<BundleIrSchema>? IrSchemas,
    List<BundleMetricProfile>? MetricProfiles)
{
    public const int CurrentFormat = 2;
}
