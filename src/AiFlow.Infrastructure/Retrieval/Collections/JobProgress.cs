using AiFlow.Domain.Retrieval;

namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>An ingestion job's progress, as the progress bar shows it: files done of total, and what they yielded.</summary>
public sealed record JobProgress(
    Guid Id, IngestionJobStatus Status, int FilesTotal, int FilesDone, int Pages, int Chunks, int Embeddings, int Errors,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public bool Finished => Status is IngestionJobStatus.Completed or IngestionJobStatus.Failed or IngestionJobStatus.Cancelled;

    public static JobProgress Of(IngestionJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, job.Status, job.FilesTotal, job.FilesDone, job.Pages, job.Chunks, job.Embeddings, job.Errors,
            job.CreatedAt, job.CreatedBy, job.StartedAt, job.FinishedAt);
    }
}
