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
            migrationBuilder.Sql(DashboardViewsSql.StepHourly);
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_mv_step_hourly ON mv_step_hourly (hour, pipeline_definition_id, step_version_id, model, endpoint_name);");
            migrationBuilder.Sql(DashboardViewsSql.RunHourly);
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
