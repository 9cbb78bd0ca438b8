using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Dashboards;

/// <summary>Refreshes the dashboards' materialized views (without blocking readers) and samples the queue depth for /metrics.</summary>
public sealed class DashboardViews(IDbContextFactory<AiFlowDbContext> contexts)
{
    public static readonly string[] Views = ["mv_step_hourly", "mv_run_hourly"];

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        // One transaction for the refreshes and the samples: a minutely job should cost one commit, not five.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var view in Views)
        {
#pragma warning disable EF1002 // The view names are constants, not input.
            await db.Database.ExecuteSqlRawAsync($"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}", cancellationToken);
#pragma warning restore EF1002
        }
        var queued = await db.PipelineRuns.CountAsync(r => r.Status == RunStatus.Queued, cancellationToken);
        var running = await db.PipelineRuns.CountAsync(r => r.Status == RunStatus.Running, cancellationToken);
        var backlog = await db.ReviewItems.CountAsync(r => r.Status == ReviewItemStatus.Pending || r.Status == ReviewItemStatus.InReview || r.Status == ReviewItemStatus.Escalated, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        RunTelemetry.SetQueueDepth(queued, running, backlog);
    }
}
