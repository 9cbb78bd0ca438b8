using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs;

public sealed record StepDetails(Guid Id, string NodeKey, int Attempt, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int? LatencyMs, string? Model, string? Endpoint, int TokensIn, int TokensOut, decimal CostUsd, string? Error, string? RenderedPrompt,
    string? RawResponse, string IdempotencyKey, JsonNode? Ir, bool? IrValid, IReadOnlyList<IrValidationError> IrErrors,
    IReadOnlyList<MetricDetails> Metrics, IReadOnlyList<ReviewDetails> Reviews, IReadOnlyList<OutputLinkDetails> Links);
