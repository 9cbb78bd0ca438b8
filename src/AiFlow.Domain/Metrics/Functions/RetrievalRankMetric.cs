using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// Retrieval quality against gold chunks, with binary relevance: the retrieved ids at <c>pointer</c> in the output (best
/// first) against the gold ids at <c>expectedPointer</c> in the ground truth, read as <see cref="IdArray"/> reads them.
/// <list type="bullet">
/// <item><c>recall_at_k</c> = |top k ∩ gold| ÷ |gold|.</item>
/// <item><c>mrr</c> = 1 ÷ the rank of the first gold id in the top k (all retrieved when k is not given), 0 when none is there.</item>
/// <item><c>ndcg_at_k</c> = DCG ÷ IDCG with DCG = Σ over ranks i ≤ k of rel(i) ÷ log₂(i + 1) and IDCG the same sum for a
/// ranking with every gold id first (min(k, |gold|) ones).</item>
/// </list>
/// Not applicable when the ground truth has no gold id (nothing to find); an output that retrieved nothing scores 0.
/// </summary>
internal sealed class RetrievalRankMetric : MetricFunction
{
    private const int DefaultK = 10;

    private readonly Func<IReadOnlyList<string>, HashSet<string>, int, double> score;
    private readonly bool kByDefault;

    private RetrievalRankMetric(string key, string formula, bool kByDefault, Func<IReadOnlyList<string>, HashSet<string>, int, double> score)
        : base(key, MetricFunctionKind.ReferenceBased, formula,
        [
            StandardParameters.Pointer("the retrieved chunks in the output, best first, e.g. \"/chunks\"", required: true),
            new("expectedPointer", MetricParameterType.Pointer, false, "JSON pointer to the gold chunk ids in the ground truth; default the same as pointer."),
            new("idField", MetricParameterType.String, false, "When the arrays hold objects, the property holding each id, e.g. \"chunkId\"."),
            new("k", MetricParameterType.Number, false, kByDefault
                ? $"How many of the top retrieved chunks count; default {DefaultK}."
                : "How many of the top retrieved chunks count; default all of them."),
        ])
    {
        this.score = score;
        this.kByDefault = kByDefault;
    }

    public static RetrievalRankMetric RecallAtK { get; } = new("recall_at_k", "|top k ∩ gold| ÷ |gold|", kByDefault: true, Recall);

    public static RetrievalRankMetric Mrr { get; } = new("mrr", "1 ÷ rank of the first gold chunk in the top k (0 if none)", kByDefault: false, ReciprocalRank);

    public static RetrievalRankMetric NdcgAtK { get; } =
        new("ndcg_at_k", "Σᵢ≤k rel(i) ÷ log₂(i + 1), divided by the same sum with the gold chunks first", kByDefault: true, Ndcg);

    private protected override IEnumerable<string> ValidateValues(JsonObject parameters)
    {
        if (parameters.Number("k") is { } k && (k < 1 || k != Math.Floor(k))) yield return "'k' must be a whole number of at least 1.";
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var (gold, retrieved, problem) = IdArray.ReadBoth(input, whenNoneExpected: "no gold chunk ids in the ground truth");
        if (problem is not null) return problem;

        var k = input.Parameters.Number("k") is { } given ? (int)Math.Min(given, int.MaxValue) : kByDefault ? DefaultK : int.MaxValue;
        var goldSet = gold.ToHashSet(StringComparer.Ordinal);
        var top = retrieved.Take(k).ToList();
        var details = new JsonObject
        {
            ["k"] = k == int.MaxValue ? retrieved.Count : k,
            ["goldFound"] = new JsonArray([.. top.Where(goldSet.Contains).Select(id => (JsonNode?)id)]),
            ["goldMissed"] = new JsonArray([.. gold.Where(g => !top.Contains(g, StringComparer.Ordinal)).Select(id => (JsonNode?)id)]),
        };
        return MetricOutcome.Of(score(top, goldSet, k), details);
    }

    private static double Recall(IReadOnlyList<string> top, HashSet<string> gold, int k) => (double)top.Count(gold.Contains) / gold.Count;

    private static double ReciprocalRank(IReadOnlyList<string> top, HashSet<string> gold, int k)
    {
        for (var i = 0; i < top.Count; i++)
        {
            if (gold.Contains(top[i])) return 1.0 / (i + 1);
        }
        return 0;
    }

    private static double Ndcg(IReadOnlyList<string> top, HashSet<string> gold, int k)
    {
        // Rank i (from 1) is discounted by log₂(i + 1); index i (from 0) therefore by log₂(i + 2).
        var dcg = top.Select((id, i) => gold.Contains(id) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(k, gold.Count)).Sum(i => 1 / Math.Log2(i + 2));
        return dcg / ideal;
    }
}
