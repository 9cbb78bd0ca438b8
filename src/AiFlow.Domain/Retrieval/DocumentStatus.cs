namespace AiFlow.Domain.Retrieval;

/// <summary>
/// Where a document is in ingestion. Only <see cref="Ingested"/> documents are searched; a changed re-upload makes a new
/// version and the old one becomes <see cref="Retired"/> with its chunks.
/// </summary>
public enum DocumentStatus { Pending, Ingesting, Ingested, Quarantined, Failed, Retired }
