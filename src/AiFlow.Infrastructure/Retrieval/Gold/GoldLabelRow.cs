namespace AiFlow.Infrastructure.Retrieval.Gold;

/// <summary>One stored judgement, traceable to the run, step and person it came from.</summary>
public sealed record GoldLabelRow(string ChunkId, bool Relevant, int Rank, Guid RunId, Guid StepRunId, string NodeKey, string LabelledBy, DateTimeOffset LabelledAt);
