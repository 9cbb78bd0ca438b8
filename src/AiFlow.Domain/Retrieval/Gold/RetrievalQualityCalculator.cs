using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Retrieval.Gold;

/// <summary>
/// Retrieval quality per step version over a collection's gold set, scored by the metric library's own recall@k, MRR
/// and nDCG@k (<see cref="RetrievalRankMetric"/>), so a figure here means what it means in an evaluation.
/// <list type="bullet">
/// <item>Gold for a query: the chunks whose latest judgement for that exact query text in the collection is relevant,
/// whichever step run (or step version) they were judged on.</item>
/// <item>Samples: one per (step version, query): that version's latest labelled step run for the query (re-running the
/// same query does not weigh it twice), its chunks in the rank order it returned them.</item>
/// <item>recall@k and nDCG@k cut at k (the metric library's default 10); MRR reads every chunk the run returned.</item>
/// <item>A query with no relevant chunk has nothing to find and is not scored (as the metric says "not applicable");
/// each figure is the plain mean over the scored queries, null when there are none.</item>
/// </list>
/// </summary>
public static class RetrievalQualityCalculator
{
    /// <summary>The metric library's default cut-off for recall@k and nDCG@k.</summary>
    public const int DefaultK = 10;

    public static IReadOnlyList<RetrievalQuality> Compute(IEnumerable<LabelledRetrieval> runs, IEnumerable<RetrievalJudgement> judgements, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var gold = GoldByQuery(judgements);
        var parameters = new JsonObject { ["pointer"] = "/chunks", ["k"] = k };
        // MRR looks as deep as the step returned (the metric's default): a relevant chunk at rank 12 still counts 1/12.
        var mrrParameters = new JsonObject { ["pointer"] = "/chunks" };
        var result = new List<RetrievalQuality>();
        foreach (var version in runs.GroupBy(r => r.StepVersionId))
        {
            var latest = version.GroupBy(r => r.Query, StringComparer.Ordinal)
                .Select(q => q.OrderByDescending(r => r.RanAt).ThenByDescending(r => r.StepRunId).First()).ToList();
            var recall = new List<double>();
            var mrr = new List<double>();
            var ndcg = new List<double>();
            foreach (var run in latest)
            {
                if (!gold.TryGetValue(run.Query, out var relevant) || relevant.Count == 0) continue;
                var actual = Ids(run.RankedChunkIds);
                var expected = Ids(relevant);
                recall.Add(Score(RetrievalRankMetric.RecallAtK, actual, expected, parameters));
                mrr.Add(Score(RetrievalRankMetric.Mrr, actual, expected, mrrParameters));
                ndcg.Add(Score(RetrievalRankMetric.NdcgAtK, actual, expected, parameters));
            }
            result.Add(new RetrievalQuality(version.Key, latest.Count, recall.Count, k, Mean(recall), Mean(mrr), Mean(ndcg)));
        }
        return result;
    }

    /// <summary>Each query's relevant chunk ids: per (query, chunk), the latest judgement wins.</summary>
    public static IReadOnlyDictionary<string, List<string>> GoldByQuery(IEnumerable<RetrievalJudgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        return judgements.GroupBy(j => (j.Query, j.ChunkId))
            .Select(g => g.MaxBy(j => j.LabelledAt)!)
            .GroupBy(j => j.Query, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Where(j => j.Relevant).Select(j => j.ChunkId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    private static JsonObject Ids(IEnumerable<string> ids) => new() { ["chunks"] = new JsonArray([.. ids.Select(id => (JsonNode?)id)]) };

    private static double Score(MetricFunction function, JsonObject actual, JsonObject expected, JsonObject parameters) =>
        // Both sides are non-empty id arrays here, so the metric always has a value.
        function.Compute(new MetricInput(actual, expected, null, parameters, StepFacts.None)).Value ?? 0;

    private static double? Mean(List<double> values) => values.Count == 0 ? null : values.Average();
}
