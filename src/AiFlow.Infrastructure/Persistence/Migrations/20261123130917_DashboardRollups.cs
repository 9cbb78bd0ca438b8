using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_pipeline_runs_finished_at",
                table: "pipeline_runs",
                column: "finished_at");

            // The materialized views were rebuilt whole every minute (seconds at 1M step runs) and could not give
            // percentiles. Their successors are plain tables that DashboardRollups rebuilds hour by hour (ADR 0010).
            migrationBuilder.Sql("DROP MATERIALIZED VIEW IF EXISTS mv_step_hourly;");
            migrationBuilder.Sql("DROP MATERIALIZED VIEW IF EXISTS mv_run_hourly;");
            migrationBuilder.Sql("""
                CREATE TABLE rollup_step_hourly (
                    hour timestamptz NOT NULL,
                    pipeline_definition_id uuid NOT NULL,
                    step_version_id uuid NOT NULL,
                    model text NOT NULL,
                    endpoint_name text NOT NULL,
                    steps bigint NOT NULL,
                    failed bigint NOT NULL,
                    tokens_in bigint NOT NULL,
                    tokens_out bigint NOT NULL,
                    cost_usd numeric(18,6) NOT NULL,
                    latency_ms_sum bigint NOT NULL,
                    ir_total bigint NOT NULL,
                    ir_valid bigint NOT NULL,
                    CONSTRAINT pk_rollup_step_hourly PRIMARY KEY (hour, pipeline_definition_id, step_version_id, model, endpoint_name));
                """);
            migrationBuilder.Sql("""
                CREATE TABLE rollup_latency_hourly (
                    hour timestamptz NOT NULL,
                    bucket smallint NOT NULL,
                    steps bigint NOT NULL,
                    CONSTRAINT pk_rollup_latency_hourly PRIMARY KEY (hour, bucket));
                """);
            migrationBuilder.Sql("""
                CREATE TABLE rollup_run_hourly (
                    hour timestamptz NOT NULL,
                    pipeline_definition_id uuid NOT NULL,
                    status character varying(40) NOT NULL,
                    runs bigint NOT NULL,
                    tokens bigint NOT NULL,
                    cost_usd numeric(18,6) NOT NULL,
                    CONSTRAINT pk_rollup_run_hourly PRIMARY KEY (hour, pipeline_definition_id, status));
                """);
            // The same per day, for ranges shown per day (whole days), summed from the hourly rows by the refresh.
            migrationBuilder.Sql("""
                CREATE TABLE rollup_step_daily (
                    day timestamptz NOT NULL,
                    pipeline_definition_id uuid NOT NULL,
                    step_version_id uuid NOT NULL,
                    model text NOT NULL,
                    endpoint_name text NOT NULL,
                    steps bigint NOT NULL,
                    failed bigint NOT NULL,
                    tokens_in bigint NOT NULL,
                    tokens_out bigint NOT NULL,
                    cost_usd numeric(18,6) NOT NULL,
                    latency_ms_sum bigint NOT NULL,
                    ir_total bigint NOT NULL,
                    ir_valid bigint NOT NULL,
                    CONSTRAINT pk_rollup_step_daily PRIMARY KEY (day, pipeline_definition_id, step_version_id, model, endpoint_name));
                """);
            migrationBuilder.Sql("""
                CREATE TABLE rollup_latency_daily (
                    day timestamptz NOT NULL,
                    bucket smallint NOT NULL,
                    steps bigint NOT NULL,
                    CONSTRAINT pk_rollup_latency_daily PRIMARY KEY (day, bucket));
                """);
            // No row yet: the first refresh builds the rollups from every run.
            migrationBuilder.Sql("CREATE TABLE rollup_state (name text NOT NULL CONSTRAINT pk_rollup_state PRIMARY KEY, refreshed_at timestamptz NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS rollup_state, rollup_run_hourly, rollup_latency_daily, rollup_latency_hourly, rollup_step_daily, rollup_step_hourly;");
            migrationBuilder.Sql("""
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
                """);
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_mv_step_hourly ON mv_step_hourly (hour, pipeline_definition_id, step_version_id, model, endpoint_name);");
            migrationBuilder.Sql("""
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
                """);
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_mv_run_hourly ON mv_run_hourly (hour, pipeline_definition_id, status);");

            migrationBuilder.DropIndex(
                name: "ix_pipeline_runs_finished_at",
                table: "pipeline_runs");
        }
    }
}
