using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>citation_precision</c> = |cited ∩ relevant| ÷ |cited| and <c>citation_recall</c> = |cited ∩ relevant| ÷ |relevant|,
/// where cited are the ids at <c>pointer</c> in the output and relevant those at <c>expectedPointer</c> in the ground
/// truth. Each array holds ids (strings, or numbers as written) or objects whose <c>idField</c> holds the id; an id cited
/// twice counts once. Precision is not applicable when nothing is cited, recall when nothing is relevant.
/// </summary>
internal sealed class CitationMetric : MetricFunction
{
    private readonly bool recall;

    private CitationMetric(string key, string formula, bool recall)
        : base(key, MetricFunctionKind.ReferenceBased, formula,
        [
            StandardParameters.Pointer("the array of cited ids in the output, e.g. \"/citations\"", required: true),
            new("expectedPointer", MetricParameterType.Pointer, false, "JSON pointer to the relevant ids in the ground truth; default the same as pointer."),
            new("idField", MetricParameterType.String, false, "When the arrays hold objects, the property holding each id, e.g. \"id\"."),
        ])
    {
        this.recall = recall;
    }

    public static CitationMetric Precision { get; } = new("citation_precision", "|cited ∩ relevant| ÷ |cited|", recall: false);

    public static CitationMetric Recall { get; } = new("citation_recall", "|cited ∩ relevant| ÷ |relevant|", recall: true);

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var (relevant, cited, problem) = IdArray.ReadBoth(input);
        if (problem is not null) return problem;

        var denominator = recall ? relevant.Count : cited.Count;
        if (denominator == 0) return MetricOutcome.NotApplicable(recall ? "no relevant ids in the ground truth" : "nothing cited");
        var (relevantSet, citedSet) = (relevant.ToHashSet(StringComparer.Ordinal), cited.ToHashSet(StringComparer.Ordinal));
        var hits = cited.Count(relevantSet.Contains);
        var details = new JsonObject
        {
            ["hits"] = hits,
            ["notRelevant"] = new JsonArray([.. cited.Where(c => !relevantSet.Contains(c)).Select(c => (JsonNode?)c)]),
            ["notCited"] = new JsonArray([.. relevant.Where(r => !citedSet.Contains(r)).Select(r => (JsonNode?)r)]),
        };
        return MetricOutcome.Of((double)hits / denominator, details);
    }
}
