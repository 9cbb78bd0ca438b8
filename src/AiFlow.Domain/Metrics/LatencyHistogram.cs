namespace AiFlow.Domain.Metrics;

/// <summary>
/// Latencies counted in fixed log-spaced buckets, so counts from any hours add up and percentiles can be read from the
/// sum. Bucket 0 holds latencies under 1 ms; bucket k ≥ 1 holds [2^((k-1)/16), 2^(k/16)) ms, 16 buckets per doubling.
/// <para>
/// <see cref="Percentile"/> mirrors <c>percentile_cont</c>: it interpolates between the two order statistics around the
/// rank p·(n-1), each estimated inside its bucket as if the bucket's values were spread evenly. Every estimate lies in
/// the same bucket as the true value and a bucket is 2^(1/16) - 1 = 4.43 % wider than its lower edge, so the result is
/// within <see cref="RelativeErrorBound"/> of the exact percentile (interpolation keeps the bound).
/// </para>
/// </summary>
public sealed class LatencyHistogram
{
    public const int BucketsPerOctave = 16;

    /// <summary>The most an estimated percentile can differ from the exact one, relative to the exact one.</summary>
    public static readonly double RelativeErrorBound = Math.Pow(2, 1.0 / BucketsPerOctave) - 1;

    private static readonly double[] Edges = [.. Enumerable.Range(0, 32 * BucketsPerOctave).Select(i => Math.Pow(2, i / (double)BucketsPerOctave))];

    private readonly SortedDictionary<int, long> counts = [];

    /// <summary>
    /// The lower edge of bucket k + 1 at index k (from 1 ms up past int.MaxValue ms). SQL counts buckets with
    /// <c>width_bucket(latency, these edges)</c>, which numbers them exactly like <see cref="BucketOf"/>.
    /// </summary>
    public static IReadOnlyList<double> LowerEdges => Edges;

    public long Count { get; private set; }

    public static int BucketOf(double latencyMs)
    {
        var index = Array.BinarySearch(Edges, latencyMs);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The bucket's range in ms, lower edge included; bucket 0 is [0, 1), where integer latencies are 0.</summary>
    public static (double Low, double High) Bounds(int bucket) =>
        bucket <= 0 ? (0, 1) : (Edges[bucket - 1], bucket < Edges.Length ? Edges[bucket] : double.PositiveInfinity);

    public void Add(int bucket, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return;
        counts[bucket] = counts.GetValueOrDefault(bucket) + count;
        Count += count;
    }

    public void Add(LatencyHistogram other)
    {
        foreach (var (bucket, count) in other.counts) Add(bucket, count);
    }

    /// <summary>The estimated p-quantile (0..1) in ms, or null when the histogram is empty.</summary>
    public double? Percentile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (Count == 0) return null;
        var rank = p * (Count - 1);
        var low = (long)Math.Floor(rank);
        var high = Math.Min(low + 1, Count - 1);
        var lowValue = OrderStatistic(low);
        return lowValue + (OrderStatistic(high) - lowValue) * (rank - low);
    }

    /// <summary>The i-th smallest value (from 0), placed evenly inside its bucket; latencies under 1 ms are integer 0.</summary>
    private double OrderStatistic(long index)
    {
        long before = 0;
        foreach (var (bucket, count) in counts)
        {
            if (index < before + count)
            {
                if (bucket <= 0) return 0;
                var (low, high) = Bounds(bucket);
                return low + (high - low) * (index - before + 0.5) / count;
            }
            before += count;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }
}
