using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Runs;

public sealed record RunDetails(Guid Id, string PipelineKey, int Version, string Status, string Trigger, JsonNode? Input, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int TokensIn, int TokensOut, decimal CostUsd,
    IReadOnlyList<StepDetails> Steps);
