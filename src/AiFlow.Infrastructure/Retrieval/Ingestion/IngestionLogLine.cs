namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>One line of an ingestion log, with the document it is about.</summary>
public sealed record IngestionLogLine(long Id, DateTimeOffset At, string Level, Guid? DocumentId, string? FileName, string Message);
