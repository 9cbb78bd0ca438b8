using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class BootstrapIntervalTests
{
    [Fact]
    public void The_interval_of_the_mean_contains_the_sample_mean_and_stays_inside_the_sample_range()
    {
        // Mean of 1..5 = 15 ÷ 5 = 3; every resample mean lies between the smallest (1) and largest (5) value.
        var (low, high) = BootstrapInterval.Compute([1, 2, 3, 4, 5], MetricAggregation.Mean)!.Value;

        Assert.InRange(3, low, high);
        Assert.True(low > 1 && high < 5, $"({low}, {high}) is as wide as the sample itself");
    }

    [Fact]
    public void The_same_values_and_seed_give_the_same_interval()
    {
        double[] values = [0, 1, 1, 0, 1, 1, 1, 0, 1, 1];

        var first = BootstrapInterval.Compute(values, MetricAggregation.Rate);
        var second = BootstrapInterval.Compute(values, MetricAggregation.Rate);
        var otherSeed = BootstrapInterval.Compute(values, MetricAggregation.Rate, seed: 18);

        Assert.Equal(first, second);
        Assert.NotNull(otherSeed);
        Assert.InRange(0.7, first!.Value.Low, first.Value.High);
    }

    [Fact]
    public void A_constant_sample_has_a_point_interval_and_an_empty_one_none()
    {
        // Every resample of {2, 2, 2} or {7} is made of the one value, so every aggregate is that value.
        Assert.Equal((2, 2), BootstrapInterval.Compute([2, 2, 2], MetricAggregation.P95));
        Assert.Equal((7, 7), BootstrapInterval.Compute([7], MetricAggregation.Mean));
        Assert.Null(BootstrapInterval.Compute([], MetricAggregation.Mean));
    }
}
