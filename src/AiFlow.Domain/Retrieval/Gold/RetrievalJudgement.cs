namespace AiFlow.Domain.Retrieval.Gold;

/// <summary>One judgement of the gold set, as the quality calculation reads it: the query, the chunk, and the verdict with when it was given.</summary>
public sealed record RetrievalJudgement(string Query, string ChunkId, bool Relevant, DateTimeOffset LabelledAt);
