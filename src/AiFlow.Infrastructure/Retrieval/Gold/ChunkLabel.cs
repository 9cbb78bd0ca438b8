namespace AiFlow.Infrastructure.Retrieval.Gold;

/// <summary>A chunk's current judgement on one step run, and who gave it when.</summary>
public sealed record ChunkLabel(string ChunkId, bool Relevant, string LabelledBy, DateTimeOffset LabelledAt);
