using AiFlow.Domain.Metrics;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Dashboards;

/// <summary>
/// Keeps the dashboards' hourly rollup tables (rollup_step_hourly, rollup_latency_hourly, rollup_run_hourly) up to date
/// and samples the queue depth for /metrics. The first refresh builds them from every row; later ones rebuild only the
/// hours since the previous refresh (less <see cref="Slack"/>) plus the creation hours of runs that finished since, in
/// one transaction, so readers see the old rows until the new ones are committed. See ADR 0012.
/// </summary>
public sealed class DashboardRollups(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>How far before the previous refresh hours are rebuilt anyway: late commits and clocks that differ.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromHours(1);

    /// <summary>When the rollups were last rebuilt (the start of that refresh); null before the first one.</summary>
    public async Task<DateTimeOffset?> RefreshedAtAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.Database.SqlQueryRaw<DateTimeOffset>(RollupSql.LastRefresh).ToListAsync(cancellationToken);
        return last.Count == 0 ? null : last[0];
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // A first refresh reads every row ever written: longer than the app's statement timeout allows (ADR 0021).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL statement_timeout = '10min'", cancellationToken);
            await db.Database.ExecuteSqlRawAsync(RollupSql.Lock, cancellationToken);
            var last = await db.Database.SqlQueryRaw<DateTimeOffset>(RollupSql.LastRefresh).ToListAsync(cancellationToken);
            var since = last.Count == 0 ? (DateTimeOffset?)null : HourOf(last[0] - Slack);
            var parameters = new Dictionary<string, object> { ["edges"] = LatencyHistogram.LowerEdges.ToArray() };
            if (since is { } from)
            {
                parameters["since"] = from.UtcDateTime;
                parameters["older"] = (await db.Database.SqlQueryRaw<DateTimeOffset>(RollupSql.OlderRunHours, Parameter("since", from.UtcDateTime))
                    .ToListAsync(cancellationToken)).Select(h => h.UtcDateTime).ToArray();
            }
            foreach (var sql in RollupSql.Statements(full: since is null))
            {
                var used = parameters.Where(p => sql.Contains("@" + p.Key, StringComparison.Ordinal)).Select(p => Parameter(p.Key, p.Value)).ToArray();
                await db.Database.ExecuteSqlRawAsync(sql, used, cancellationToken);
            }
            await db.Database.ExecuteSqlRawAsync(RollupSql.MarkRefreshed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var queued = await db.PipelineRuns.CountAsync(r => r.Status == RunStatus.Queued, cancellationToken);
        var running = await db.PipelineRuns.CountAsync(r => r.Status == RunStatus.Running, cancellationToken);
        var backlog = await db.ReviewItems.CountAsync(r => r.Status == ReviewItemStatus.Pending || r.Status == ReviewItemStatus.InReview || r.Status == ReviewItemStatus.Escalated, cancellationToken);
        RunTelemetry.SetQueueDepth(queued, running, backlog);
    }

    private static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Date.AddHours(utc.Hour), TimeSpan.Zero);
    }

    private static NpgsqlParameter Parameter(string name, object value) => value switch
    {
        double[] => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = value },
        DateTime[] => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = value },
        _ => new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value },
    };
}
