using System.Diagnostics;

namespace AiFlow.Bench;

/// <summary>A plain Stopwatch + allocated-bytes measurement on one thread; quicker to run than BenchmarkDotNet.</summary>
internal static class BenchTimer
{
    public static void Throughput(string label, Func<bool> action, bool expected, TimeSpan duration)
    {
        if (action() != expected)
        {
            throw new InvalidOperationException($"{label}: expected {(expected ? "valid" : "invalid")}");
        }

        // Warm up so tiered JIT and pooled buffers settle before measuring.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            action();
        }

        long iterations = 0;
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (int i = 0; i < 1000; i++)
            {
                action();
            }

            iterations += 1000;
        }

        watch.Stop();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        Console.WriteLine($"{label,-48} {iterations / watch.Elapsed.TotalSeconds,12:N0} validations/s {(double)bytes / iterations,10:N0} B/validation");
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
