using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>The run page's header: what ran, its state and totals, and the pinned DAG.</summary>
public sealed record RunHeader(Guid Id, Guid PipelineId, string PipelineKey, int VersionNumber, RunStatus Status, RunTrigger Trigger,
    string InputJson, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Tokens, decimal CostUsd, IReadOnlyList<DagNode> Nodes)
{
    public bool IsLive => Status is RunStatus.Queued or RunStatus.Running or RunStatus.WaitingForReview;
}
