namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>The last <see cref="Size"/> latencies of one replica and their median: a moving p50 that forgets a slow spell in a few dozen calls.</summary>
public sealed class LatencyWindow
{
    public const int Size = 32;
    private readonly double[] samples = new double[Size];
    private int count;
    private int next;

    public int Count => count;

    public void Add(double milliseconds)
    {
        samples[next] = milliseconds;
        next = (next + 1) % Size;
        count = Math.Min(count + 1, Size);
    }

    /// <summary>The median of the window, or null before the first sample.</summary>
    public double? P50()
    {
        if (count == 0) return null;
        var sorted = samples[..count];
        Array.Sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
