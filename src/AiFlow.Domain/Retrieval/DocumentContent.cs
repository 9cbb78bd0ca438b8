namespace AiFlow.Domain.Retrieval;

/// <summary>The uploaded bytes of a document, kept so that ingestion resumed after a crash reads them again.</summary>
public class DocumentContent
{
    public Guid DocumentId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
