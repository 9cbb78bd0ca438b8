namespace AiFlow.Domain.Retrieval.Gold;

/// <summary>A retrieval step run someone labelled: its step version, the query it sent, and the chunk ids it returned, best first.</summary>
public sealed record LabelledRetrieval(Guid StepVersionId, Guid StepRunId, string Query, DateTimeOffset RanAt, IReadOnlyList<string> RankedChunkIds);
