namespace AiFlow.Domain.Retrieval;

/// <summary>
/// A chunk with its heading path and pages, an embedding at its collection's dimension (pgvector) and a tsvector for
/// hybrid retrieval. The collection is repeated here so filters and per-collection vector indexes need no join.
/// </summary>
public class DocumentChunk
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DocumentId { get; set; }
    public Guid CollectionId { get; set; }
    public int Ordinal { get; set; }
    public string? HeadingPath { get; set; }
    public string Text { get; set; } = "";
    public int? PageFrom { get; set; }
    public int? PageTo { get; set; }
    public int Tokens { get; set; }
    /// <summary>L2-normalised; null until the embedding batch that holds the chunk has committed.</summary>
    public float[]? Embedding { get; set; }
    public string? EmbeddingModel { get; set; }
}
