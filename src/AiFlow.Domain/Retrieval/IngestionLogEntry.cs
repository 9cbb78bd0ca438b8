namespace AiFlow.Domain.Retrieval;

/// <summary>One line of a document's ingestion log: what happened to it, when, and why when it went wrong.</summary>
public class IngestionLogEntry
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public Guid? DocumentId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Level { get; set; } = "info";
    public string Message { get; set; } = "";
}
