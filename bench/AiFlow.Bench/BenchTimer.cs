using System.Diagnostics;

namespace AiFlow.Bench;

/// <summary>A plain Stopwatch + allocated-bytes measurement on one thread; quicker to run than BenchmarkDotNet.</summary>
internal static class BenchTimer
{
    private const int Rounds = 7;

    /// <summary>
    /// Runs several timed rounds and prints the median and best, since shared machines are noisy; returns the median rate
    /// and the bytes allocated per call, so a bench can print ratios to a peer measured in the same run.
    /// </summary>
    public static (double PerSecond, double Bytes) Throughput(string label, Func<bool> action, bool expected, TimeSpan duration)
    {
        if (action() != expected)
        {
            throw new InvalidOperationException($"{label}: expected {(expected ? "valid" : "invalid")}");
        }

        // Warm up so tiered JIT and pooled buffers settle before measuring.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < TimeSpan.FromMilliseconds(1500))
        {
            action();
        }

        var rates = new double[Rounds];
        long iterations = 0;
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            long roundIterations = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration / Rounds)
            {
                for (int i = 0; i < 1000; i++)
                {
                    action();
                }

                roundIterations += 1000;
            }

            rates[round] = roundIterations / watch.Elapsed.TotalSeconds;
            iterations += roundIterations;
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        Array.Sort(rates);
        Console.WriteLine(
            $"{label,-48} {rates[Rounds / 2],10:N0}/s median {rates[^1],10:N0}/s best {(double)bytes / iterations,8:N0} B/validation");
        return (rates[Rounds / 2], (double)bytes / iterations);
    }

    public static void Once(string label, Func<string> action)
    {
        action();
        var watch = Stopwatch.StartNew();
        string outcome = action();
        watch.Stop();
        Console.WriteLine($"{label,-48} {watch.Elapsed.TotalMilliseconds,10:N2} ms   {outcome}");
    }
}
