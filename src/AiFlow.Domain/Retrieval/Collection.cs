using AiFlow.Domain.Common;

namespace AiFlow.Domain.Retrieval;

/// <summary>
/// A searchable set of documents: which endpoint embeds them (and at which dimension), how they are cut, and which
/// text-search configuration their full-text side uses.
/// </summary>
public class Collection : IAudited
{
    public const int DefaultDimensions = 384;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>
    /// The model route that embeds chunks and queries (its chain of endpoints, with fallback, as every gateway call);
    /// null means the default route of task type "embedding", which the demo points at the built-in MiniLM endpoint.
    /// </summary>
    public Guid? EmbeddingRouteId { get; set; }
    /// <summary>The model name sent to the embedding endpoint.</summary>
    public string EmbeddingModel { get; set; } = "all-MiniLM-L6-v2";
    public int Dimensions { get; set; } = DefaultDimensions;
    public int ChunkMaxTokens { get; set; } = 256;
    public int ChunkOverlapTokens { get; set; } = 32;
    /// <summary>The PostgreSQL text-search configuration of the full-text side ("english", "german", "simple"...).</summary>
    public string TextSearchLanguage { get; set; } = "english";
    /// <summary>pgvector's hnsw.ef_search when a query names none.</summary>
    public int DefaultEfSearch { get; set; } = 100;
    /// <summary>A TEI-compatible endpoint serving <c>/rerank</c>; no rerank stage when null.</summary>
    public Guid? RerankEndpointId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>PostgreSQL's xmin: a concurrent edit of the settings is refused, not overwritten.</summary>
    public uint Version { get; set; }
}
