namespace AiFlow.Bench;

/// <summary>What else the machine was doing: timings taken on a shared machine only mean something next to its load.</summary>
internal static class BenchMachine
{
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
