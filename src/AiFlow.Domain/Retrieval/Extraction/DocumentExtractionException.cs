namespace AiFlow.Domain.Retrieval.Extraction;

/// <summary>
/// A file that cannot be ingested (encrypted, no text, truncated, too large, bytes that are not what the name says):
/// the reason goes to the quarantine list, and ingestion goes on with the next file.
/// </summary>
public sealed class DocumentExtractionException(string reason) : Exception(reason);
