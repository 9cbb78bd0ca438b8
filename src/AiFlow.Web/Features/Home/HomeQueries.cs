using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Features.Dashboards.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Web.Features.Home;

/// <summary>
/// The home page's figures per pipeline, in one statement. Counts, failures and spend come from the dashboard rollups
/// (ADR 0012), over the same whole hours the dashboards use, so a drill-down lists the runs counted. The rollups keep
/// latency histograms for all pipelines together, not per pipeline, so the p95 run time is computed from the window's
/// runs of each pipeline (an index range on pipeline and creation time). The last run, the open reviews and the newest
/// evaluation are read live: each is one index lookup per pipeline.
/// </summary>
public sealed class HomeQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private const string Sql = """
        WITH runs AS (
            SELECT pipeline_definition_id, sum(runs) AS runs, sum(runs) FILTER (WHERE status = 'Failed') AS failed
            FROM rollup_run_hourly WHERE hour >= @from AND hour < @to GROUP BY 1),
        spend AS (
            SELECT pipeline_definition_id, sum(cost_usd) AS cost
            FROM rollup_step_hourly WHERE hour >= @today AND hour < @to GROUP BY 1),
        backlog AS (
            SELECT r.pipeline_definition_id, count(*) AS items
            FROM review_items i JOIN pipeline_runs r ON r.id = i.pipeline_run_id
            WHERE i.status IN ('Pending', 'InReview', 'Escalated') GROUP BY 1)
        SELECT p.id AS "PipelineId", p.key AS "Key",
               last.id AS "LastRunId", last.status AS "LastRunStatus", last.created_at AS "LastRunAt",
               coalesce(runs.runs, 0)::bigint AS "Runs", coalesce(runs.failed, 0)::bigint AS "FailedRuns",
               (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM w.finished_at - w.started_at))
                FROM pipeline_runs w
                WHERE w.pipeline_definition_id = p.id AND w.created_at >= @from AND w.created_at < @to
                  AND w.started_at IS NOT NULL AND w.finished_at IS NOT NULL)::float8 AS "P95Seconds",
               coalesce(backlog.items, 0)::bigint AS "ReviewBacklog", coalesce(spend.cost, 0)::numeric(18,6) AS "SpendToday",
               e.id AS "EvaluationId", e.target_version AS "EvaluationVersion", e.status AS "EvaluationStatus", e.gate_passed AS "GatePassed"
        FROM pipeline_definitions p
        LEFT JOIN LATERAL (SELECT r.id, r.status, r.created_at FROM pipeline_runs r
                           WHERE r.pipeline_definition_id = p.id ORDER BY r.created_at DESC LIMIT 1) last ON true
        LEFT JOIN LATERAL (SELECT x.id, x.target_version, x.status, x.gate_passed FROM evaluation_runs x
                           WHERE x.target_kind = 'Pipeline' AND x.target_key = p.key ORDER BY x.created_at DESC LIMIT 1) e ON true
        LEFT JOIN runs ON runs.pipeline_definition_id = p.id
        LEFT JOIN spend ON spend.pipeline_definition_id = p.id
        LEFT JOIN backlog ON backlog.pipeline_definition_id = p.id
        ORDER BY p.key
        """;

    /// <summary>The whole hours the 24-hour figures cover, as the dashboards snap them.</summary>
    /// <summary>
    /// The 24 whole hours that end with the current one (the rollups are hourly; the last hour is still filling). Snapping
    /// both ends of "now minus 24 h" outwards gave 25 hours under a "Last 24 h" label.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) WindowAt(DateTimeOffset now)
    {
        var (_, to) = DashboardQueries.Snap(now, now);
        return (to - Window, to);
    }

    public static DateTimeOffset StartOfDay(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    public async Task<List<PipelineHealth>> PipelinesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = WindowAt(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.SqlQueryRaw<PipelineHealth>(Sql,
                new NpgsqlParameter("from", from), new NpgsqlParameter("to", to), new NpgsqlParameter("today", StartOfDay(now)))
            .ToListAsync(cancellationToken);
    }
}
