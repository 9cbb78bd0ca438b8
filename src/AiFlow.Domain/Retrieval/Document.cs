namespace AiFlow.Domain.Retrieval;

/// <summary>
/// One version of one source file in a collection, with the provenance seed 003 asks for (source, licence terms,
/// allowed uses) and what ingestion learnt about it.
/// </summary>
public class Document
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CollectionId { get; set; }
    /// <summary>The file name as uploaded, or the path or URL it was read from.</summary>
    public string FileName { get; set; } = "";
    public string Title { get; set; } = "";
    public string? SourceUri { get; set; }
    /// <summary>Sniffed from the bytes, not taken from the name.</summary>
    public string MimeType { get; set; } = "text/plain";
    /// <summary>SHA-256 of the bytes, lower-case hex: equal bytes in one collection are skipped as exact duplicates.</summary>
    public string Checksum { get; set; } = "";
    public long SizeBytes { get; set; }
    public int PageCount { get; set; }
    public string? Language { get; set; }
    public string? Licence { get; set; }
    /// <summary>What the licence allows the text to be used for ("rag", "training", "evaluation"...).</summary>
    public List<string> AllowedUses { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    /// <summary>64-bit SimHash of the extracted text's shingles, for near-duplicate detection.</summary>
    public long? SimHash { get; set; }
    /// <summary>1 for a first upload; a changed re-upload of the same file name gets the next number.</summary>
    public int Version { get; set; } = 1;
    public Guid? SupersedesId { get; set; }
    public DocumentStatus Status { get; set; } = DocumentStatus.Pending;
    /// <summary>Why the document is quarantined or failed, in words a reviewer can act on.</summary>
    public string? StatusReason { get; set; }
    public Guid? NearDuplicateOfId { get; set; }
    public Guid? IngestionJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? IngestedAt { get; set; }
    public List<DocumentChunk> Chunks { get; set; } = [];
}
