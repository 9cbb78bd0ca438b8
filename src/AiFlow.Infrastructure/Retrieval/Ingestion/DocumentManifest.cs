namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>The provenance every file of one upload carries (seed 003's manifest): source, licence terms, allowed uses, tags.</summary>
public sealed record DocumentManifest(string? Licence = null, IReadOnlyList<string>? AllowedUses = null, IReadOnlyList<string>? Tags = null, string? Source = null)
{
    public static DocumentManifest None { get; } = new();
}
