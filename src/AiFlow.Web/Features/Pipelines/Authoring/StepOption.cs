namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>
/// A step version the palette offers and the side panel lets a node use; <paramref name="OutputType"/> names its IR schema
/// and <paramref name="OutputFields"/> the top-level fields that schema declares (what a downstream condition completes).
/// A version of an archived step (<paramref name="Archived"/>) still resolves for the nodes that pin it, but is offered nowhere.
/// </summary>
public sealed record StepOption(Guid StepVersionId, string StepKey, string StepName, int Number, string Kind, Guid? MetricProfileId, string? OutputType = null,
    bool Archived = false, IReadOnlyList<string>? OutputFields = null)
{
    public string Label => $"{StepKey} v{Number}";
}
