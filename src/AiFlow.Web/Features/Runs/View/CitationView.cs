namespace AiFlow.Web.Features.Runs.View;

/// <summary>One id a step's IR cites, with the chunk an upstream retrieval returned under it (null: cited but never retrieved).</summary>
public sealed record CitationView(int Number, string Id, RetrievedChunkView? Chunk);
