using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Web.Features.Evaluations;
using Bunit;

namespace AiFlow.Tests.Web.Evaluations;

public class EvaluationAggregatesTests
{
    [Fact]
    public async Task Each_metric_shows_both_sides_with_their_intervals_and_a_delta_coloured_by_the_metrics_direction()
    {
        await using var ctx = MudBunit.NewContext();
        IReadOnlyList<EvaluationAggregate> aggregates =
        [
            new("exact_match", MetricAggregation.Mean, MetricDirection.HigherIsBetter, 0.5, 0.25, 0.75, 8, 1, 1, 1, 8, -0.5, 0, 4, 4),
            new("latency_ms", MetricAggregation.P95, MetricDirection.LowerIsBetter, 100, 90, 110, 8, 200, 180, 220, 8, -100, 8, 0, 0),
        ];

        var table = ctx.Render<EvaluationAggregates>(p => p.Add(c => c.Aggregates, aggregates).Add(c => c.HasBaseline, true));

        var exact = table.Find("[data-testid=evaluation-aggregate][data-metric=exact_match]");
        Assert.Contains("0.5 [0.25, 0.75]", exact.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 [1, 1]", exact.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 / 4 / 4", exact.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-error-text", exact.QuerySelector("[data-testid=evaluation-aggregate-delta]")!.ClassName, StringComparison.Ordinal);
        var latency = table.Find("[data-testid=evaluation-aggregate][data-metric=latency_ms]");
        Assert.Contains("mud-success-text", latency.QuerySelector("[data-testid=evaluation-aggregate-delta]")!.ClassName, StringComparison.Ordinal);
    }
}
