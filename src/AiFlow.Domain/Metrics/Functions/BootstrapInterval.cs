namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// Percentile bootstrap confidence interval of an aggregate: resample the values with replacement, aggregate each
/// resample, and take the (1 − level) ÷ 2 and (1 + level) ÷ 2 percentiles of those aggregates. Seeded, so the same
/// values always give the same interval and a page does not flicker between reloads.
/// </summary>
public static class BootstrapInterval
{
    /// <summary>Null for no values; a single value v gives (v, v).</summary>
    public static (double Low, double High)? Compute(
        IReadOnlyList<double> values, MetricAggregation aggregation, int resamples = 1000, int seed = 17, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(level, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1);
        if (values.Count == 0) return null;

        // One resample buffer and one array of aggregates, whatever the number of resamples.
        var random = new Random(seed);
        var sample = new double[values.Count];
        var aggregates = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < sample.Length; i++) sample[i] = values[random.Next(values.Count)];
            aggregates[r] = MetricAggregator.AggregateInPlace(sample, aggregation);
        }
        Array.Sort(aggregates);
        var tail = (1 - level) / 2;
        return (MetricAggregator.PercentileOfSorted(aggregates, tail), MetricAggregator.PercentileOfSorted(aggregates, 1 - tail));
    }
}
