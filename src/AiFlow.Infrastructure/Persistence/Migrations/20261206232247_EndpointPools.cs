using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EndpointPools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "cost_sensitive",
                table: "step_versions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "importance",
                table: "step_versions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Normal");

            migrationBuilder.AddColumn<bool>(
                name: "cost_sensitive",
                table: "pipeline_runs",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "importance",
                table: "pipeline_runs",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "strategy",
                table: "model_routes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "ordered");

            migrationBuilder.AddColumn<string>(
                name: "replicas",
                table: "inference_endpoints",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cost_sensitive",
                table: "step_versions");

            migrationBuilder.DropColumn(
                name: "importance",
                table: "step_versions");

            migrationBuilder.DropColumn(
                name: "cost_sensitive",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "importance",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "strategy",
                table: "model_routes");

            migrationBuilder.DropColumn(
                name: "replicas",
                table: "inference_endpoints");
        }
    }
}
