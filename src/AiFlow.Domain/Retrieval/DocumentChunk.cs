namespace AiFlow.Domain.Retrieval;

/// <summary>A chunk with heading metadata, a 384-dimension embedding (pgvector) and a tsvector for hybrid retrieval.</summary>
public class DocumentChunk
{
    public const int EmbeddingDimensions = 384;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DocumentId { get; set; }
    public int Ordinal { get; set; }
    public string? HeadingPath { get; set; }
    public string Text { get; set; } = "";
    public float[]? Embedding { get; set; }
    public string? EmbeddingModel { get; set; }
}
