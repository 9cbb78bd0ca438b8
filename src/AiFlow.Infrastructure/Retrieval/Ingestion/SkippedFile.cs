namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>A file not stored, and why: the same bytes are in the collection already (<paramref name="DuplicateOfId"/>).</summary>
public sealed record SkippedFile(string FileName, string Reason, Guid? DuplicateOfId);
