using AiFlow.Infrastructure.Retrieval.Gold;

namespace AiFlow.Web.Features.Collections.Gold;

/// <summary>Recall@k, MRR and nDCG@k over the gold set, per retrieval step version with labelled queries.</summary>
public sealed record RetrievalQualityJson(string Collection, IReadOnlyList<StepVersionQualityJson> StepVersions)
{
    public static RetrievalQualityJson Of(string key, IReadOnlyList<StepVersionQuality> quality) => new(key, quality.Select(q => new StepVersionQualityJson(
        q.StepVersionId, q.StepKey, q.StepVersion, q.LabelledQueries, q.ScoredQueries, q.K, q.RecallAtK, q.Mrr, q.NdcgAtK)).ToList());
}

public sealed record StepVersionQualityJson(Guid StepVersionId, string Step, int Version, int LabelledQueries, int ScoredQueries, int K, double? RecallAtK, double? Mrr,
    double? NdcgAtK);
