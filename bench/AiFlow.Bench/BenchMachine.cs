namespace AiFlow.Bench;

/// <summary>What else the machine was doing: timings taken on a shared machine only mean something next to its load.</summary>
internal static class BenchMachine
{
    /// <summary>The CPU time the bench may use, in CPUs: the cgroup limit when one is set, else the cores.</summary>
    public static double Cpus =>
        double.TryParse(Environment.GetEnvironmentVariable("AIFLOW_BENCH_CPU_LIMIT"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, Environment.ProcessorCount)
            : Environment.ProcessorCount;

    /// <summary><see cref="Cpus"/> in words, for lines that divide work by it.</summary>
    public static string CpusText => Cpus == Environment.ProcessorCount ? $"{Environment.ProcessorCount} cores" : $"{Cpus:0.##} CPU(s) of time";

    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        // Set by `AIFLOW_BENCH_CPUS=N ./aiflow.sh bench`: the figures are those of a machine with that much CPU time.
        var limit = Environment.GetEnvironmentVariable("AIFLOW_BENCH_CPU_LIMIT") is { Length: > 0 } cpus
            ? $", bench and PostgreSQL limited to {cpus} CPU(s) of time (cgroup)"
            : "";
        return $"{Environment.ProcessorCount} cores ({cpu}){limit}, load average {load} (1/5/15 min)";
    }
}
