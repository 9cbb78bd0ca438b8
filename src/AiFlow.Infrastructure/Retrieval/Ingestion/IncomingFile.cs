namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>One file handed to ingestion: its name, its bytes, and where the server read it from when it did.</summary>
public sealed record IncomingFile(string FileName, byte[] Bytes, string? SourceUri = null);
