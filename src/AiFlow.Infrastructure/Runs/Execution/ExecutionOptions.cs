using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>Bound from <c>AiFlow:Execution</c>.</summary>
public sealed class ExecutionOptions
{
    public const string Section = "AiFlow:Execution";

    /// <summary><c>web</c>, <c>worker</c> or <c>both</c>: only workers execute runs; every node can start them.</summary>
    [RegularExpression("^(web|worker|both)$")]
    public string Role { get; set; } = "both";

    [Range(1, 256)] public int MaxParallelStepsPerRun { get; set; } = 8;
    [Range(1, 256)] public int ParallelGroupLimit { get; set; } = 2;
    [Range(2, 600)] public int LeaseSeconds { get; set; } = 15;
    [Range(1, 300)] public int HeartbeatSeconds { get; set; } = 4;
    [Range(1, 256)] public int WorkerThreads { get; set; } = 16;
    /// <summary>Quartz cluster check-in period: each costs 3 transactions per node; a dead node is noticed after about interval + threshold.</summary>
    [Range(1, 600)] public double CheckinSeconds { get; set; } = 8;
    /// <summary>How late a node's check-in may be before another node recovers its jobs; keep it above the worst pause.</summary>
    [Range(1, 600)] public double CheckinMisfireSeconds { get; set; } = 6;
    public int RetryBaseMs { get; set; } = 500;
    public int RetryCapMs { get; set; } = 30_000;
    /// <summary>Largest accepted run input in bytes.</summary>
    public int MaxInputBytes { get; set; } = 256 * 1024;

    public bool ExecutesRuns => Role is "worker" or "both";
}
