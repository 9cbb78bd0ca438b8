namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// An item the importing console already has under a bundle item's key: its content hash, computed as the exporting
/// console computes it, and <paramref name="Blocker"/> when it cannot stand in for the bundle's item whatever its content.
/// </summary>
public sealed record TargetItem(string Hash, string? Blocker = null);
