using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_evaluation_results_evaluation_run_id",
                table: "evaluation_results");

            migrationBuilder.AddColumn<int>(
                name: "baseline_version",
                table: "evaluation_runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "cancel_requested",
                table: "evaluation_runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "cases_done",
                table: "evaluation_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "cases_errored",
                table: "evaluation_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "cases_total",
                table: "evaluation_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "cost_usd",
                table: "evaluation_runs",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "dataset_number",
                table: "evaluation_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "dataset_version_id",
                table: "evaluation_runs",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "evaluation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "skipped",
                table: "evaluation_runs",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            // Nothing wrote evaluation runs before; aggregates change from a map to a list of metric summaries.
            migrationBuilder.Sql("UPDATE evaluation_runs SET aggregates = '[]'::jsonb");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "started_at",
                table: "evaluation_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tag",
                table: "evaluation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "target_key",
                table: "evaluation_runs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "target_kind",
                table: "evaluation_runs",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "target_version",
                table: "evaluation_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "tokens_in",
                table: "evaluation_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "tokens_out",
                table: "evaluation_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "cost_usd",
                table: "evaluation_results",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "created_at",
                table: "evaluation_results",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "details_json",
                table: "evaluation_results",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "evaluation_results",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "errored",
                table: "evaluation_results",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "ground_truth_example_id",
                table: "evaluation_results",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "latency_ms",
                table: "evaluation_results",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "side",
                table: "evaluation_results",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "tokens_in",
                table: "evaluation_results",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "tokens_out",
                table: "evaluation_results",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_runs_created_at",
                table: "evaluation_runs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_runs_step_version_id_dataset_version_id_status",
                table: "evaluation_runs",
                columns: new[] { "step_version_id", "dataset_version_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_results_evaluation_run_id_ground_truth_example_i~",
                table: "evaluation_results",
                columns: new[] { "evaluation_run_id", "ground_truth_example_id", "side" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_evaluation_runs_created_at",
                table: "evaluation_runs");

            migrationBuilder.DropIndex(
                name: "ix_evaluation_runs_step_version_id_dataset_version_id_status",
                table: "evaluation_runs");

            migrationBuilder.DropIndex(
                name: "ix_evaluation_results_evaluation_run_id_ground_truth_example_i~",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "baseline_version",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "cancel_requested",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "cases_done",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "cases_errored",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "cases_total",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "cost_usd",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "dataset_number",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "dataset_version_id",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "error",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "skipped",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "tag",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "target_key",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "target_kind",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "target_version",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "tokens_in",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "tokens_out",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "cost_usd",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "created_at",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "details_json",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "error",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "errored",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "ground_truth_example_id",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "latency_ms",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "side",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "tokens_in",
                table: "evaluation_results");

            migrationBuilder.DropColumn(
                name: "tokens_out",
                table: "evaluation_results");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_results_evaluation_run_id",
                table: "evaluation_results",
                column: "evaluation_run_id");
        }
    }
}
