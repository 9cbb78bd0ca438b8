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
    ];

    private static readonly FrozenDictionary<string, MetricFunction> ByKey = All.ToFrozenDictionary(f => f.Key, StringComparer.Ordinal);

    public static bool TryGet(string key, [MaybeNullWhen(false)] out MetricFunction fn) => ByKey.TryGetValue(key, out fn);
}
