using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class MetricAggregatorTests
{
    private static readonly double[] Latencies = [120, 80, 300, 95, 1000];

    [Theory]
    // (120 + 80 + 300 + 95 + 1000) ÷ 5 = 1595 ÷ 5 = 319.
    [InlineData(MetricAggregation.Mean, 319)]
    // Sorted 80, 95, 120, 300, 1000: rank 0.5 · 4 = 2 → 120.
    [InlineData(MetricAggregation.P50, 120)]
    // Rank 0.95 · 4 = 3.8 → 300 + 0.8 · (1000 − 300) = 860.
    [InlineData(MetricAggregation.P95, 860)]
    public void Aggregations_follow_the_mean_and_percentile_cont(MetricAggregation aggregation, double expected)
    {
        Assert.Equal(expected, MetricAggregator.Aggregate(Latencies, aggregation)!.Value, 9);
    }

    [Theory]
    // Three passes of four.
    [InlineData(new[] { 1.0, 0, 1, 1 }, 0.75)]
    // 0.5 passes and 0.49 does not: 1 of 2.
    [InlineData(new[] { 0.5, 0.49 }, 0.5)]
    public void Rate_is_the_share_of_values_at_least_one_half(double[] values, double expected)
    {
        Assert.Equal(expected, MetricAggregator.Aggregate(values, MetricAggregation.Rate));
    }

    [Fact]
    public void Percentiles_interpolate_between_two_values_and_nothing_aggregates_to_null()
    {
        // Two values: rank 0.5 · 1 = 0.5 → 10 + 0.5 · 10 = 15; rank 0.95 → 10 + 0.95 · 10 = 19.5.
        Assert.Equal(15, MetricAggregator.Aggregate([20, 10], MetricAggregation.P50));
        Assert.Equal(19.5, MetricAggregator.Aggregate([20, 10], MetricAggregation.P95)!.Value, 12);
        Assert.Null(MetricAggregator.Aggregate([], MetricAggregation.Mean));
    }
}
