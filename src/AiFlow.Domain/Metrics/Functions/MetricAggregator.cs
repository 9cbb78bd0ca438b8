namespace AiFlow.Domain.Metrics.Functions;

/// <summary>Reduces a metric's values with a <see cref="MetricAggregation"/>.</summary>
public static class MetricAggregator
{
    /// <summary>The threshold of <see cref="MetricAggregation.Rate"/>: a 0/1 metric passes at 1, fails at 0.</summary>
    public const double PassThreshold = 0.5;

    /// <summary>Null for no values.</summary>
    public static double? Aggregate(IReadOnlyList<double> values, MetricAggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = values[i];
        return AggregateInPlace(copy, aggregation);
    }

    /// <summary>As <see cref="Aggregate"/> on a non-empty span it may reorder, so the bootstrap can reuse one buffer.</summary>
    internal static double AggregateInPlace(Span<double> values, MetricAggregation aggregation)
    {
        switch (aggregation)
        {
            case MetricAggregation.Mean:
                var sum = 0.0;
                foreach (var value in values) sum += value;
                return sum / values.Length;
            case MetricAggregation.Rate:
                var passes = 0;
                foreach (var value in values) passes += value >= PassThreshold ? 1 : 0;
                return (double)passes / values.Length;
            case MetricAggregation.P50 or MetricAggregation.P95:
                values.Sort();
                return PercentileOfSorted(values, aggregation == MetricAggregation.P50 ? 0.5 : 0.95);
            default:
                throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null);
        }
    }

    /// <summary><c>percentile_cont</c>: linear interpolation between the order statistics around rank p·(n − 1).</summary>
    internal static double PercentileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
