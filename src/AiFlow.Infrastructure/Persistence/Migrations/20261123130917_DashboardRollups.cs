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
            // percentiles. Their successors are plain tables that DashboardRollups rebuilds hour by hour (ADR 0012).
            migrationBuilder.Sql("DROP MATERIALIZED VIEW IF EXISTS mv_step_hourly;");
            migrationBuilder.Sql("DROP MATERIALIZED VIEW IF EXISTS mv_run_hourly;");
            migrationBuilder.Sql(StepRollupTable("rollup_step_hourly", "hour"));
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
            migrationBuilder.Sql(StepRollupTable("rollup_step_daily", "day"));
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
            migrationBuilder.Sql(DashboardViewsSql.StepHourly);
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_mv_step_hourly ON mv_step_hourly (hour, pipeline_definition_id, step_version_id, model, endpoint_name);");
            migrationBuilder.Sql(DashboardViewsSql.RunHourly);
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_mv_run_hourly ON mv_run_hourly (hour, pipeline_definition_id, status);");

            migrationBuilder.DropIndex(
                name: "ix_pipeline_runs_finished_at",
                table: "pipeline_runs");
        }

        /// <summary>The step rollup per hour or per day: one row per (time, pipeline, step version, model, endpoint).</summary>
        private static string StepRollupTable(string table, string time) => $"""
            CREATE TABLE {table} (
                {time} timestamptz NOT NULL,
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
                CONSTRAINT pk_{table} PRIMARY KEY ({time}, pipeline_definition_id, step_version_id, model, endpoint_name));
            """;
    }
}