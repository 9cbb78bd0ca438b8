using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunsDashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_step_runs_finished_at",
                table: "step_runs",
                column: "finished_at")
                .Annotation("Npgsql:IndexInclude", new[] { "latency_ms", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_runs_cost_usd",
                table: "pipeline_runs",
                column: "cost_usd");

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_runs_trigger_created_at",
                table: "pipeline_runs",
                columns: new[] { "trigger", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ir_artifacts_invalid_step_run_id",
                table: "ir_artifacts",
                column: "step_run_id",
                filter: "NOT is_valid");
            // Text search in run inputs: ILIKE '%...%' on input_json::text served by a trigram index.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_pipeline_runs_input_trgm ON pipeline_runs USING gin ((input_json::text) gin_trgm_ops);");

            // Dashboard rollups, refreshed CONCURRENTLY every minute by DashboardRefreshJob (hence the unique indexes).
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP MATERIALIZED VIEW IF EXISTS mv_run_hourly;");
            migrationBuilder.Sql("DROP MATERIALIZED VIEW IF EXISTS mv_step_hourly;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_pipeline_runs_input_trgm;");

            migrationBuilder.DropIndex(
                name: "ix_step_runs_finished_at",
                table: "step_runs");

            migrationBuilder.DropIndex(
                name: "ix_pipeline_runs_cost_usd",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "ix_pipeline_runs_trigger_created_at",
                table: "pipeline_runs");

            migrationBuilder.DropIndex(
                name: "ix_ir_artifacts_invalid_step_run_id",
                table: "ir_artifacts");
        }
    }
}
