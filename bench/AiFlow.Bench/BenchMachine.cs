namespace AiFlow.Bench;

/// <summary>What else the machine was doing: timings taken on a shared machine only mean something next to its load.</summary>
internal static class BenchMachine
{
    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return $"{Environment.ProcessorCount} cores, load average {load} (1/5/15 min)";
    }
}
