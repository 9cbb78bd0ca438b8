namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>The last <see cref="Size"/> latencies of one replica and their median: a moving p50 that forgets a slow spell in a few dozen calls.</summary>
public sealed class LatencyWindow
{
    public const int Size = 32;
    private readonly double[] samples = new double[Size];
    private int count;
    private int next;
    // The median is read for every waiting call each time a slot frees, and changes only when a sample arrives.
    private double? median;
    private bool stale;

    public int Count => count;

    public void Add(double milliseconds)
    {
        samples[next] = milliseconds;
        next = (next + 1) % Size;
        count = Math.Min(count + 1, Size);
        stale = true;
    }

    /// <summary>The median of the window, or null before the first sample.</summary>
    public double? P50()
    {
        if (count == 0) return null;
        if (!stale) return median;
        var sorted = samples[..count];
        Array.Sort(sorted);
        median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        stale = false;
        return median;
    }
}
