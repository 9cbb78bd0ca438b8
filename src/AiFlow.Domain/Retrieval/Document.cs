namespace AiFlow.Domain.Retrieval;

public class Document
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Title { get; set; } = "";
    public string? SourceUri { get; set; }
    public string MimeType { get; set; } = "text/plain";
    public string Checksum { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<DocumentChunk> Chunks { get; set; } = [];
}
