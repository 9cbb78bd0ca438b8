namespace AiFlow.Infrastructure.Retrieval.Gold;

/// <summary>A retrieval step version's quality over the gold set (see <see cref="Domain.Retrieval.Gold.RetrievalQualityCalculator"/>), named for people.</summary>
public sealed record StepVersionQuality(Guid StepVersionId, string StepKey, int StepVersion, int LabelledQueries, int ScoredQueries, int K,
    double? RecallAtK, double? Mrr, double? NdcgAtK);
