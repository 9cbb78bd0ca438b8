using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs.List;

/// <summary>One run in the list; <see cref="InputPreview"/> is the start of its input, enough to tell runs apart.</summary>
public sealed record RunListRow(Guid Id, string PipelineKey, int VersionNumber, RunStatus Status, RunTrigger Trigger,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Tokens, decimal CostUsd,
    string InputPreview, string? RequestedBy)
{
    /// <summary>The end of the id: ids made together share their start (UUID v7).</summary>
    public string ShortId => Id.ToString()[^8..];
}
