namespace AiFlow.Domain.Retrieval.Gold;

/// <summary>
/// One retrieval step version's quality over the gold set: means over its scored queries (those with at least one
/// relevant chunk), each null when no query could be scored.
/// </summary>
/// <param name="LabelledQueries">Distinct queries of this version with a labelled step run.</param>
/// <param name="ScoredQueries">Of those, the ones whose gold set holds a relevant chunk (the others have nothing to find).</param>
public sealed record RetrievalQuality(Guid StepVersionId, int LabelledQueries, int ScoredQueries, int K, double? RecallAtK, double? Mrr, double? NdcgAtK);
