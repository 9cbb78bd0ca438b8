namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>Metadata filters of a search; each one given narrows the candidates before ranking.</summary>
/// <param name="LicenceUse">Only documents whose licence allows this use (for example "rag" or "training").</param>
public sealed record SearchFilters(IReadOnlyList<Guid>? DocumentIds = null, IReadOnlyList<string>? Tags = null, string? LicenceUse = null);
