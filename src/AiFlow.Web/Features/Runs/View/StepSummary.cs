using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>A step attempt as the timeline and the DAG need it: no prompts or payloads.</summary>
public sealed record StepSummary(Guid Id, string NodeKey, int Attempt, StepRunStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int? LatencyMs, long Tokens, decimal CostUsd, string? Model, string? Error);
