namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>A file stored for ingestion: version 1, or the next version of a file of the same name (which it supersedes once ingested).</summary>
public sealed record StoredDocument(Guid Id, string FileName, int Version, Guid? SupersedesId);
