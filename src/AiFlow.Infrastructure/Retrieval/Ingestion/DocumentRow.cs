using AiFlow.Domain.Retrieval;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>A document in a collection's list: what it is, where it came from, and where it is in ingestion (with the reason when it is stuck).</summary>
public sealed record DocumentRow(
    Guid Id, string FileName, string Title, int Version, DocumentStatus Status, string? StatusReason, Guid? NearDuplicateOfId,
    string? NearDuplicateOfName, Guid? SupersedesId, string MimeType, long SizeBytes, int PageCount, string? Language, string? Licence,
    IReadOnlyList<string> AllowedUses, IReadOnlyList<string> Tags, string? SourceUri, int Chunks, Guid? IngestionJobId,
    DateTimeOffset CreatedAt, DateTimeOffset? IngestedAt);
