using AiFlow.Domain.Metrics;

namespace AiFlow.Tests.Domain.Metrics;

public class LatencyHistogramTests
{
    /// <summary>percentile_cont: linear interpolation between the order statistics around p·(n-1).</summary>
    internal static double ExactPercentile(IReadOnlyList<int> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static LatencyHistogram Of(IEnumerable<int> values)
    {
        var histogram = new LatencyHistogram();
        foreach (var group in values.GroupBy(v => LatencyHistogram.BucketOf(v))) histogram.Add(group.Key, group.Count());
        return histogram;
    }

    [Fact]
    public void Every_latency_falls_inside_the_bounds_of_its_bucket()
    {
        foreach (var ms in Enumerable.Range(0, 20_000).Concat([65_535, 65_536, 1_000_000, 3_600_000, int.MaxValue]))
        {
            var (low, high) = LatencyHistogram.Bounds(LatencyHistogram.BucketOf(ms));
            Assert.InRange(ms, low, high);
            Assert.True(ms < high || ms == 0, $"{ms} ms is at the upper edge of its bucket");
        }
    }

    [Fact]
    public void The_error_bound_is_the_width_of_one_bucket_relative_to_its_lower_edge()
    {
        Assert.Equal(0.0443, LatencyHistogram.RelativeErrorBound, 4);
        var (low, high) = LatencyHistogram.Bounds(LatencyHistogram.BucketOf(1000));
        Assert.Equal(LatencyHistogram.RelativeErrorBound, (high - low) / low, 12);
    }

    [Theory]
    [InlineData(1, 50, 4050)]
    [InlineData(2, 1, 100)]
    [InlineData(3, 0, 5)]
    [InlineData(4, 800, 60_000)]
    [InlineData(5, 10, 2000)]
    public void Percentiles_stay_within_the_bound_of_the_exact_percentile_cont(int seed, int min, int max)
    {
        var random = new Random(seed);
        foreach (var n in new[] { 1, 2, 3, 7, 22, 180, 5000 })
        {
            var values = Enumerable.Range(0, n).Select(_ => min + (int)(random.NextDouble() * random.NextDouble() * (max - min))).ToList();
            var histogram = Of(values);
            foreach (var p in new[] { 0.0, 0.05, 0.5, 0.9, 0.95, 0.99, 1.0 })
            {
                var exact = ExactPercentile(values, p);
                var estimate = histogram.Percentile(p)!.Value;
                Assert.True(Math.Abs(estimate - exact) <= LatencyHistogram.RelativeErrorBound * exact + 1e-9,
                    $"n={n} p={p}: estimate {estimate} vs exact {exact}");
            }
        }
    }

    [Fact]
    public void Two_values_far_apart_are_interpolated_like_percentile_cont_and_not_clamped_to_one_bucket()
    {
        var histogram = Of([100, 1000]);

        var median = histogram.Percentile(0.5)!.Value;

        Assert.InRange(median, 550 * (1 - LatencyHistogram.RelativeErrorBound), 550 * (1 + LatencyHistogram.RelativeErrorBound));
    }

    [Fact]
    public void Histograms_of_separate_hours_add_up_to_the_histogram_of_all_of_them()
    {
        var first = Of([10, 20, 30, 400]);
        var second = Of([15, 25, 5000]);
        var sum = new LatencyHistogram();

        sum.Add(first);
        sum.Add(second);

        Assert.Equal(7, sum.Count);
        Assert.Equal(Of([10, 20, 30, 400, 15, 25, 5000]).Percentile(0.95), sum.Percentile(0.95));
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile_and_zero_latencies_are_exact()
    {
        Assert.Null(new LatencyHistogram().Percentile(0.5));
        Assert.Equal(0, Of([0, 0, 0]).Percentile(0.95));
    }
}
