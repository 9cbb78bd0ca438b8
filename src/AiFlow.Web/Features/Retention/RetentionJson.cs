using AiFlow.Domain.Retention;
using AiFlow.Infrastructure.Retention;

namespace AiFlow.Web.Features.Retention;

/// <summary>The answer of <c>GET /api/retention</c>: the policy in force, the last purge and the monthly partitions that exist.</summary>
public sealed record RetentionJson(RetentionPolicy Policy, DateTimeOffset? NextRunAt, RetentionRunJson? LastRun, IReadOnlyList<string> RequestLogPartitions,
    IReadOnlyList<string> StepTextPartitions)
{
    public static RetentionJson Of(RetentionStatus status) => new(status.Policy, status.NextRunAt, status.LastRun is { } last ? RetentionRunJson.Of(last) : null,
        status.RequestLogPartitions, status.StepTextPartitions);
}

public sealed record RetentionRunJson(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error, RetentionPurgedJson Purged, RetentionPartitionsJson RequestLogPartitions,
    RetentionPartitionsJson StepTextPartitions)
{
    public static RetentionRunJson Of(RetentionRun last) => new(last.StartedAt, last.FinishedAt, last.Error,
        new RetentionPurgedJson(last.RawResponses, last.RenderedPrompts, last.IrArtifacts, last.RequestLogs, last.MediaAssets),
        new RetentionPartitionsJson(last.RequestLogPartitionsDropped, last.RequestLogPartitionsCreated),
        new RetentionPartitionsJson(last.StepTextPartitionsDropped, last.StepTextPartitionsCreated));
}

/// <summary>Rows (or, for responses and prompts, columns emptied; for media, assets marked deleted) per kind of data.</summary>
public sealed record RetentionPurgedJson(long RawResponses, long RenderedPrompts, long IrArtifacts, long RequestLogs, long MediaAssets);

public sealed record RetentionPartitionsJson(int Dropped, int Created);
