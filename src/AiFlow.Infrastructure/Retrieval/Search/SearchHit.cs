namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// One retrieved chunk with what a citation needs (document, heading path, page) and each ranker's view of it: a ranker
/// that did not return the chunk leaves its rank and score null.
/// </summary>
public sealed record SearchHit(
    Guid ChunkId,
    Guid DocumentId,
    string DocumentName,
    string? HeadingPath,
    int? Page,
    string Text,
    int? VectorRank,
    double? VectorScore,
    int? TextRank,
    double? TextScore,
    double FusedScore,
    double? RerankScore);
