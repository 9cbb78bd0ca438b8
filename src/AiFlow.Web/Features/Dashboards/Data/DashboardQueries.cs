using AiFlow.Domain.Metrics;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>
/// Dashboard aggregates, read from the hourly rollups only (rollup_step_hourly, rollup_run_hourly,
/// rollup_latency_hourly; see ADR 0010), never from runs or step runs: sums are exact, latency percentiles are estimated
/// from the summed latency histograms within <see cref="LatencyHistogram.RelativeErrorBound"/>.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>Ranges up to this long are shown per hour; longer ones per day.</summary>
    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromDays(3);

    public static (DateTimeOffset From, DateTimeOffset To) Snap(DateTimeOffset from, DateTimeOffset to)
    {
        var f = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour), TimeSpan.Zero);
        var t = new DateTimeOffset(to.UtcDateTime.Date.AddHours(to.UtcDateTime.Hour), TimeSpan.Zero);
        if (t < to) t = t.AddHours(1);
        return (f, t <= f ? f.AddHours(1) : t);
    }

    public async Task<DashboardData> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        (from, to) = Snap(from, to);
        var hourly = to - from <= HourlyUpTo;
        var unit = hourly ? "hour" : "day";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));

        var series = await db.Database.SqlQuery<TimeBucket>($"""
            WITH b AS (SELECT generate_series(date_trunc({unit}, {from}, 'UTC'), {to} - interval '1 second', ('1 ' || {unit})::interval) AS bucket),
            r AS (SELECT date_trunc({unit}, hour, 'UTC') AS bucket, sum(runs) AS runs FROM rollup_run_hourly
                  WHERE hour >= {from} AND hour < {to} GROUP BY 1),
            s AS (SELECT date_trunc({unit}, hour, 'UTC') AS bucket, sum(steps) AS steps, sum(failed) AS failed,
                         sum(tokens_in + tokens_out) AS tokens, sum(cost_usd) AS cost
                  FROM rollup_step_hourly WHERE hour >= {from} AND hour < {to} GROUP BY 1)
            SELECT b.bucket AS "Bucket", coalesce(r.runs, 0)::bigint AS "Runs", coalesce(s.steps, 0)::bigint AS "Steps",
                   coalesce(s.failed, 0)::bigint AS "FailedSteps", coalesce(s.tokens, 0)::bigint AS "Tokens",
                   coalesce(s.cost, 0)::numeric(18,6) AS "CostUsd", NULL::float8 AS "P50Ms", NULL::float8 AS "P95Ms"
            FROM b LEFT JOIN r USING (bucket) LEFT JOIN s USING (bucket)
            ORDER BY 1
            """).ToListAsync(cancellationToken);

        // Percentiles do not add up, histograms do: one row per (bucket of the series, latency bucket).
        var histograms = await db.Database.SqlQuery<LatencyBucketRow>($"""
            SELECT date_trunc({unit}, hour, 'UTC') AS "Bucket", bucket::int AS "Index", sum(steps)::bigint AS "Steps"
            FROM rollup_latency_hourly WHERE hour >= {from} AND hour < {to}
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
        var overall = new LatencyHistogram();
        var byBucket = series.ToDictionary(b => b.Bucket);
        foreach (var group in histograms.GroupBy(h => h.Bucket))
        {
            var histogram = new LatencyHistogram();
            foreach (var row in group) histogram.Add(row.Index, row.Steps);
            overall.Add(histogram);
            if (byBucket.TryGetValue(group.Key, out var bucket))
            {
                bucket.P50Ms = histogram.Percentile(0.5);
                bucket.P95Ms = histogram.Percentile(0.95);
            }
        }
        var latency = new LatencySummary { Steps = overall.Count, P50Ms = overall.Percentile(0.5), P95Ms = overall.Percentile(0.95) };

        var byModel = await BreakdownAsync(db, "model", from, to, cancellationToken);
        var byEndpoint = await BreakdownAsync(db, "endpoint_name", from, to, cancellationToken);
        var byPipeline = await db.Database.SqlQuery<Breakdown>($"""
            SELECT coalesce(p.key, m.pipeline_definition_id::text) AS "Key", m.pipeline_definition_id AS "Id", sum(m.steps)::bigint AS "Steps",
                   sum(m.failed)::bigint AS "FailedSteps", sum(m.tokens_in + m.tokens_out)::bigint AS "Tokens", sum(m.cost_usd)::numeric(18,6) AS "CostUsd"
            FROM rollup_step_hourly m LEFT JOIN pipeline_definitions p ON p.id = m.pipeline_definition_id
            WHERE m.hour >= {from} AND m.hour < {to}
            GROUP BY 1, 2 ORDER BY "CostUsd" DESC, "Key"
            """).ToListAsync(cancellationToken);
        var validation = await db.Database.SqlQuery<ValidationRate>($"""
            SELECT m.step_version_id AS "StepVersionId", coalesce(d.key, '?') AS "Step", coalesce(v.number, 0) AS "Version",
                   sum(m.ir_total)::bigint AS "Total", sum(m.ir_valid)::bigint AS "Valid"
            FROM rollup_step_hourly m LEFT JOIN step_versions v ON v.id = m.step_version_id LEFT JOIN step_definitions d ON d.id = v.step_definition_id
            WHERE m.hour >= {from} AND m.hour < {to}
            GROUP BY 1, 2, 3 HAVING sum(m.ir_total) > 0 ORDER BY 2, 3
            """).ToListAsync(cancellationToken);

        var open = new[] { ReviewItemStatus.Pending, ReviewItemStatus.InReview, ReviewItemStatus.Escalated };
        var backlog = await db.ReviewItems.AsNoTracking().Where(r => open.Contains(r.Status)).GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new DashboardData(from, to, hourly, series, latency, byModel, byEndpoint, byPipeline, validation,
            backlog.ToDictionary(b => b.Key.ToString(), b => b.Count));
    }

    private static Task<List<Breakdown>> BreakdownAsync(AiFlowDbContext db, string column, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The column is one of two constants; the range is passed as parameters.
        var sql = $"""
            SELECT {column} AS "Key", NULL::uuid AS "Id", sum(steps)::bigint AS "Steps", sum(failed)::bigint AS "FailedSteps",
                   sum(tokens_in + tokens_out)::bigint AS "Tokens", sum(cost_usd)::numeric(18,6) AS "CostUsd"
            FROM rollup_step_hourly WHERE hour >= @from AND hour < @to
            GROUP BY 1 ORDER BY "CostUsd" DESC, "Key"
            """;
#pragma warning disable EF1002
        return db.Database.SqlQueryRaw<Breakdown>(sql, new Npgsql.NpgsqlParameter("from", from), new Npgsql.NpgsqlParameter("to", to)).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }
}
