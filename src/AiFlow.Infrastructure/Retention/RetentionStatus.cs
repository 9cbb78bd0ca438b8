using AiFlow.Domain.Retention;

namespace AiFlow.Infrastructure.Retention;

/// <summary>What the retention page and <c>GET /api/retention</c> show: the policy in force, the last pass and the next one.</summary>
public sealed record RetentionStatus(RetentionPolicy Policy, RetentionRun? LastRun, DateTimeOffset? NextRunAt, IReadOnlyList<string> RequestLogPartitions,
    IReadOnlyList<string> StepTextPartitions);
