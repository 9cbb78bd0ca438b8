namespace AiFlow.Domain.Retrieval;

/// <summary>
/// One ingestion of a batch of files into a collection, run by a Quartz job and resumable: the counters are what the
/// live progress bar shows, committed with the work they count.
/// </summary>
public class IngestionJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CollectionId { get; set; }
    public IngestionJobStatus Status { get; set; } = IngestionJobStatus.Queued;
    public int FilesTotal { get; set; }
    public int FilesDone { get; set; }
    public int Pages { get; set; }
    public int Chunks { get; set; }
    public int Embeddings { get; set; }
    public int Errors { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
