namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>What an upload stored and skipped, and the job that ingests what it stored (none when every file was skipped).</summary>
public sealed record UploadOutcome(Guid? JobId, IReadOnlyList<StoredDocument> Stored, IReadOnlyList<SkippedFile> Skipped);
