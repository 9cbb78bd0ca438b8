using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>Every metric function, by key. Keys are stable: metric definitions and results refer to them.</summary>
public static class MetricFunctionCatalog
{
    public static IReadOnlyList<MetricFunction> All { get; } =
    [
        StepFactMetric.LatencyMs,
        StepFactMetric.TokensIn,
        StepFactMetric.TokensOut,
        StepFactMetric.CostUsd,
        StepFactMetric.SchemaValid,
        new JsonCoverageMetric(),
        new LengthMetric(),
        new RegexMatchMetric(),
        ContainsMetric.Contains,
        ContainsMetric.NotContains,
        new HtmlWellformedMetric(),
        new SpanCoverageMetric(),
        new SpanOverlapMetric(),
        new ExactMatchMetric(),
        FieldMatchMetric.Precision,
        FieldMatchMetric.Recall,
        FieldMatchMetric.F1,
        new NumericToleranceMetric(),
        new StringSimilarityMetric(),
        new RougeLMetric(),
        new LabelAccuracyMetric(),
        new SetF1Metric(),
        CitationMetric.Precision,
        CitationMetric.Recall,
        RetrievalRankMetric.RecallAtK,
        RetrievalRankMetric.Mrr,
        RetrievalRankMetric.NdcgAtK,
        new JudgeMetric(),
    ];

    /// <summary>The function that names an LLM judge; its score comes from a model call, not from <see cref="MetricFunction.Compute"/>.</summary>
    public static MetricFunction Judge => ByKey[JudgeMetric.FunctionKey];

    /// <summary>The judge key a metric's parameters name, when <paramref name="function"/> is the judge function.</summary>
    public static string? JudgeKeyOf(MetricFunction? function, System.Text.Json.Nodes.JsonObject parameters) =>
        function?.Key == JudgeMetric.FunctionKey ? parameters.OptionalText(JudgeMetric.JudgeParameter) : null;

    private static readonly FrozenDictionary<string, MetricFunction> ByKey = All.ToFrozenDictionary(f => f.Key, StringComparer.Ordinal);

    public static bool TryGet(string key, [MaybeNullWhen(false)] out MetricFunction fn) => ByKey.TryGetValue(key, out fn);
}
