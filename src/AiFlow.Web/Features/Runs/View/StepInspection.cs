using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>Everything recorded about one step attempt, for the inspector.</summary>
public sealed record StepInspection(Guid Id, string NodeKey, int Attempt, StepRunStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int? LatencyMs, string? Model, string? Endpoint, int TokensIn, int TokensOut, decimal CostUsd, string? Error,
    string? InputJson, string ParamsJson, string? RenderedPrompt, string? RawResponse, string? IrJson, bool? IrValid,
    IReadOnlyList<IrValidationError> IrErrors, IReadOnlyList<MetricDetails> Metrics, IReadOnlyList<ReviewDetails> Reviews);
