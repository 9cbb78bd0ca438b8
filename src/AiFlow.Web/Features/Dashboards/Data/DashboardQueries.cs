using AiFlow.Domain.Metrics;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>
/// Dashboard aggregates, read from the rollups only (rollup_step_*, rollup_latency_*, rollup_run_hourly; see ADR 0012),
/// never from runs or step runs: sums are exact, latency percentiles are estimated from the summed latency histograms
/// within <see cref="LatencyHistogram.RelativeErrorBound"/>. Day-bucketed ranges read whole days from the daily rollups.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>Ranges up to this long are shown per hour; longer ones per day, from the start of the first day.</summary>
    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromDays(3);

    /// <summary>
    /// Step rollup rows covering [@from, @to): whole days from the daily table up to @last_day, then hours from the hourly
    /// one (@last_day = @from reads hours only). A day row's <c>hour</c> is the day's start.
    /// </summary>
    private const string StepRows = """
        (SELECT day AS hour, pipeline_definition_id, step_version_id, model, endpoint_name, steps, failed, tokens_in, tokens_out, cost_usd, ir_total, ir_valid
         FROM rollup_step_daily WHERE day >= @from AND day < @last_day
         UNION ALL
         SELECT hour, pipeline_definition_id, step_version_id, model, endpoint_name, steps, failed, tokens_in, tokens_out, cost_usd, ir_total, ir_valid
         FROM rollup_step_hourly WHERE hour >= @last_day AND hour < @to)
        """;

    private const string LatencyRows = """
        (SELECT day AS hour, bucket, steps FROM rollup_latency_daily WHERE day >= @from AND day < @last_day
         UNION ALL
         SELECT hour, bucket, steps FROM rollup_latency_hourly WHERE hour >= @last_day AND hour < @to)
        """;

    /// <summary>Whole hours around the range; a range bucketed per day also starts at the start of its first day.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Snap(DateTimeOffset from, DateTimeOffset to)
    {
        var f = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour), TimeSpan.Zero);
        var t = new DateTimeOffset(to.UtcDateTime.Date.AddHours(to.UtcDateTime.Hour), TimeSpan.Zero);
        if (t < to) t = t.AddHours(1);
        if (t <= f) t = f.AddHours(1);
        return t - f <= HourlyUpTo ? (f, t) : (new DateTimeOffset(f.UtcDateTime.Date, TimeSpan.Zero), t);
    }

    public async Task<DashboardData> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        (from, to) = Snap(from, to);
        var hourly = to - from <= HourlyUpTo;
        var lastDay = hourly ? from : new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero);
        // The unit and step are constants; everything else is a parameter. A day is 24 hours in UTC, whatever the server's time zone.
        var (unit, step) = hourly ? ("hour", "1 hour") : ("day", "24 hours");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Task<List<T>> Query<T>(string sql) => db.Database.SqlQueryRaw<T>(sql,
            new NpgsqlParameter("from", from), new NpgsqlParameter("to", to), new NpgsqlParameter("last_day", lastDay)).ToListAsync(cancellationToken);

        var series = await Query<TimeBucket>($"""
            WITH b AS (SELECT generate_series(@from, @to - interval '1 second', interval '{step}') AS bucket),
            r AS (SELECT date_trunc('{unit}', hour, 'UTC') AS bucket, sum(runs) AS runs FROM rollup_run_hourly
                  WHERE hour >= @from AND hour < @to GROUP BY 1),
            s AS (SELECT date_trunc('{unit}', hour, 'UTC') AS bucket, sum(steps) AS steps, sum(failed) AS failed,
                         sum(tokens_in + tokens_out) AS tokens, sum(cost_usd) AS cost
                  FROM {StepRows} m GROUP BY 1)
            SELECT b.bucket AS "Bucket", coalesce(r.runs, 0)::bigint AS "Runs", coalesce(s.steps, 0)::bigint AS "Steps",
                   coalesce(s.failed, 0)::bigint AS "FailedSteps", coalesce(s.tokens, 0)::bigint AS "Tokens",
                   coalesce(s.cost, 0)::numeric(18,6) AS "CostUsd", NULL::float8 AS "P50Ms", NULL::float8 AS "P95Ms"
            FROM b LEFT JOIN r USING (bucket) LEFT JOIN s USING (bucket)
            ORDER BY 1
            """);

        // Percentiles do not add up, histograms do: one row per (bucket of the series, latency bucket).
        var histograms = await Query<LatencyBucketRow>($"""
            SELECT date_trunc('{unit}', hour, 'UTC') AS "Bucket", bucket::int AS "Index", sum(steps)::bigint AS "Steps"
            FROM {LatencyRows} m GROUP BY 1, 2
            """);
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

        var byModel = await Query<Breakdown>(Breakdown("m.model", "NULL::uuid", ""));
        var byEndpoint = await Query<Breakdown>(Breakdown("m.endpoint_name", "NULL::uuid", ""));
        var byPipeline = await Query<Breakdown>(Breakdown("coalesce(p.key, m.pipeline_definition_id::text)", "m.pipeline_definition_id",
            "LEFT JOIN pipeline_definitions p ON p.id = m.pipeline_definition_id"));
        var validation = await Query<ValidationRate>($"""
            SELECT m.step_version_id AS "StepVersionId", coalesce(d.key, '?') AS "Step", coalesce(v.number, 0) AS "Version",
                   sum(m.ir_total)::bigint AS "Total", sum(m.ir_valid)::bigint AS "Valid"
            FROM {StepRows} m LEFT JOIN step_versions v ON v.id = m.step_version_id LEFT JOIN step_definitions d ON d.id = v.step_definition_id
            GROUP BY 1, 2, 3 HAVING sum(m.ir_total) > 0 ORDER BY 2, 3
            """);

        var open = new[] { ReviewItemStatus.Pending, ReviewItemStatus.InReview, ReviewItemStatus.Escalated };
        var backlog = await db.ReviewItems.AsNoTracking().Where(r => open.Contains(r.Status)).GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new DashboardData(from, to, hourly, series, latency, byModel, byEndpoint, byPipeline, validation,
            backlog.ToDictionary(b => b.Key.ToString(), b => b.Count));
    }

    /// <summary>Tokens, cost and steps per key over the range; key, id and join are constants of this class.</summary>
    private static string Breakdown(string key, string id, string join) => $"""
        SELECT {key} AS "Key", {id} AS "Id", sum(m.steps)::bigint AS "Steps", sum(m.failed)::bigint AS "FailedSteps",
               sum(m.tokens_in + m.tokens_out)::bigint AS "Tokens", sum(m.cost_usd)::numeric(18,6) AS "CostUsd"
        FROM {StepRows} m {join}
        GROUP BY 1, 2 ORDER BY "CostUsd" DESC, "Key"
        """;
}
