using AiFlow.Domain.Retrieval;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>Makes ingestion log lines, cut to what the column holds.</summary>
internal static class IngestionLogs
{
    private const int MaxMessage = 4000;

    public static IngestionLogEntry Line(Guid jobId, Guid? documentId, DateTimeOffset at, string level, string message) => new()
    {
        JobId = jobId, DocumentId = documentId, At = at, Level = level,
        Message = message.Length > MaxMessage ? message[..(MaxMessage - 1)] + "…" : message,
    };
}
