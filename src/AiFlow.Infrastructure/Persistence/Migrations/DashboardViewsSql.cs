namespace AiFlow.Infrastructure.Persistence.Migrations;

/// <summary>
/// The dashboards' materialized views as the RunsDashboards migration created them; DashboardRollups replaced them with
/// rollup tables (ADR 0012) and recreates them on the way down. Migrations are history: do not change these.
/// </summary>
internal static class DashboardViewsSql
{
    public const string StepHourly = """
        CREATE MATERIALIZED VIEW mv_step_hourly AS
        SELECT date_trunc('hour', s.finished_at) AS hour,
               r.pipeline_definition_id,
               s.step_version_id,
               coalesce(s.model, '') AS model,
               coalesce(s.endpoint_name, '') AS endpoint_name,
               count(*)::bigint AS steps,
               count(*) FILTER (WHERE s.status = 'Failed')::bigint AS failed,
               coalesce(sum(s.tokens_in), 0)::bigint AS tokens_in,
               coalesce(sum(s.tokens_out), 0)::bigint AS tokens_out,
               coalesce(sum(s.cost_usd), 0)::numeric(18,6) AS cost_usd,
               coalesce(sum(s.latency_ms), 0)::bigint AS latency_ms_sum,
               count(a.step_run_id)::bigint AS ir_total,
               count(a.step_run_id) FILTER (WHERE a.valid)::bigint AS ir_valid
        FROM step_runs s
        JOIN pipeline_runs r ON r.id = s.pipeline_run_id
        LEFT JOIN (SELECT step_run_id, bool_and(is_valid) AS valid FROM ir_artifacts GROUP BY step_run_id) a ON a.step_run_id = s.id
        WHERE s.finished_at IS NOT NULL AND s.attempt > 0
        GROUP BY 1, 2, 3, 4, 5
        WITH DATA;
        """;

    public const string RunHourly = """
        CREATE MATERIALIZED VIEW mv_run_hourly AS
        SELECT date_trunc('hour', created_at) AS hour,
               pipeline_definition_id,
               status,
               count(*)::bigint AS runs,
               coalesce(sum(tokens_in::bigint + tokens_out), 0)::bigint AS tokens,
               coalesce(sum(cost_usd), 0)::numeric(18,6) AS cost_usd
        FROM pipeline_runs
        GROUP BY 1, 2, 3
        WITH DATA;
        """;
}
