namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>A versioned item named the way every console names it: key (an IR schema's name) and version number.</summary>
public sealed record BundleRef(string? Key, int Number)
{
    public override string ToString() => $"{Key} v{Number}";
}
