namespace AiFlow.Infrastructure.Dashboards;

/// <summary>
/// The statements that rebuild the dashboard rollups from <c>@since</c> on (every row when <c>full</c>). Step runs count
/// in the hour they finished, runs in the hour they were created; daily step and latency rows are sums of the hourly ones. Latencies are counted per hour in the fixed
/// log-spaced buckets of <see cref="Domain.Metrics.LatencyHistogram"/>: <c>@edges</c> are its lower edges, and
/// <c>width_bucket</c> numbers the buckets exactly as the C# side does.
/// </summary>
internal static class RollupSql
{
    /// <summary>One refresh at a time (the Quartz job and the page's button may overlap); released at commit.</summary>
    public const string Lock = "SELECT pg_advisory_xact_lock(7310020307)";

    public const string LastRefresh = "SELECT refreshed_at AS \"Value\" FROM rollup_state WHERE name = 'dashboards'";

    /// <summary>Now is the transaction's start, so anything committed later is at or after it.</summary>
    public const string MarkRefreshed = """
        INSERT INTO rollup_state (name, refreshed_at) VALUES ('dashboards', now())
        ON CONFLICT (name) DO UPDATE SET refreshed_at = excluded.refreshed_at
        """;

    /// <summary>
    /// Hours before <c>@since</c> holding runs that finished since: their final status and cost replace what was counted.
    /// Runs still open there keep the status and cost of the last rebuild of their hour until they finish; rebuilding
    /// every hour with a parked run each minute would cost more than the page gains (it shows run counts, not statuses).
    /// </summary>
    public const string OlderRunHours = """
        SELECT DISTINCT date_trunc('hour', created_at, 'UTC') AS "Value" FROM pipeline_runs
        WHERE created_at < @since AND finished_at >= @since
        """;

    /// <summary>The columns of rollup_step_hourly and rollup_step_daily after the hour or day.</summary>
    private const string StepColumns = "pipeline_definition_id, step_version_id, model, endpoint_name, steps, failed, tokens_in, tokens_out, cost_usd, latency_ms_sum, ir_total, ir_valid";

    public static IEnumerable<string> Statements(bool full)
    {
        var hours = full ? "" : "WHERE hour >= @since";
        var steps = full ? "" : "AND s.finished_at >= @since";
        yield return $"DELETE FROM rollup_step_hourly {hours}";
        yield return $"""
            INSERT INTO rollup_step_hourly (hour, {StepColumns})
            SELECT date_trunc('hour', s.finished_at, 'UTC'), r.pipeline_definition_id, s.step_version_id, coalesce(s.model, ''), coalesce(s.endpoint_name, ''),
                   count(*), count(*) FILTER (WHERE s.status = 'Failed'), coalesce(sum(s.tokens_in), 0), coalesce(sum(s.tokens_out), 0),
                   coalesce(sum(s.cost_usd), 0), coalesce(sum(s.latency_ms), 0), count(a.valid), count(*) FILTER (WHERE a.valid)
            FROM step_runs s
            JOIN pipeline_runs r ON r.id = s.pipeline_run_id
            LEFT JOIN LATERAL (SELECT bool_and(x.is_valid) AS valid FROM ir_artifacts x WHERE x.step_run_id = s.id) a ON true
            WHERE s.finished_at IS NOT NULL AND s.attempt > 0 {steps}
            GROUP BY 1, 2, 3, 4, 5
            """;
        yield return $"DELETE FROM rollup_latency_hourly {hours}";
        yield return $"""
            INSERT INTO rollup_latency_hourly (hour, bucket, steps)
            SELECT date_trunc('hour', s.finished_at, 'UTC'), width_bucket(s.latency_ms::float8, @edges), count(*)
            FROM step_runs s
            WHERE s.finished_at IS NOT NULL AND s.attempt > 0 AND s.latency_ms IS NOT NULL {steps}
            GROUP BY 1, 2
            """;
        yield return full ? "DELETE FROM rollup_run_hourly" : "DELETE FROM rollup_run_hourly WHERE hour >= @since OR hour = ANY(@older)";
        var runs = full ? "SELECT * FROM pipeline_runs" : """
            SELECT * FROM pipeline_runs WHERE created_at >= @since
            UNION ALL
            SELECT r.* FROM unnest(@older) h JOIN pipeline_runs r ON r.created_at >= h AND r.created_at < h + interval '1 hour'
            """;
        yield return $"""
            INSERT INTO rollup_run_hourly (hour, pipeline_definition_id, status, runs, tokens, cost_usd)
            SELECT date_trunc('hour', r.created_at, 'UTC'), r.pipeline_definition_id, r.status, count(*),
                   coalesce(sum(r.tokens_in::bigint + r.tokens_out), 0), coalesce(sum(r.cost_usd), 0)
            FROM ({runs}) r
            GROUP BY 1, 2, 3
            """;
        // Whole days for long ranges, summed from the hours just rebuilt (a day row holds whatever hours of it exist).
        var days = full ? "" : "WHERE day >= date_trunc('day', @since, 'UTC')";
        var daysOfHours = full ? "" : "WHERE hour >= date_trunc('day', @since, 'UTC')";
        yield return $"DELETE FROM rollup_step_daily {days}";
        yield return $"""
            INSERT INTO rollup_step_daily (day, {StepColumns})
            SELECT date_trunc('day', hour, 'UTC'), pipeline_definition_id, step_version_id, model, endpoint_name, sum(steps), sum(failed),
                   sum(tokens_in), sum(tokens_out), sum(cost_usd), sum(latency_ms_sum), sum(ir_total), sum(ir_valid)
            FROM rollup_step_hourly {daysOfHours}
            GROUP BY 1, 2, 3, 4, 5
            """;
        yield return $"DELETE FROM rollup_latency_daily {days}";
        yield return $"""
            INSERT INTO rollup_latency_daily (day, bucket, steps)
            SELECT date_trunc('day', hour, 'UTC'), bucket, sum(steps) FROM rollup_latency_hourly {daysOfHours} GROUP BY 1, 2
            """;
        // Planner statistics for tables that were just filled; later refreshes change a few hours and autovacuum keeps up.
        if (full) yield return "ANALYZE rollup_step_hourly, rollup_latency_hourly, rollup_run_hourly, rollup_step_daily, rollup_latency_daily";
    }
}
