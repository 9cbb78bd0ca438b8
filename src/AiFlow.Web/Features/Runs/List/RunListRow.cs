using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs.List;

public sealed record RunListRow(Guid Id, string PipelineKey, int VersionNumber, RunStatus Status, RunTrigger Trigger,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Tokens, decimal CostUsd);
