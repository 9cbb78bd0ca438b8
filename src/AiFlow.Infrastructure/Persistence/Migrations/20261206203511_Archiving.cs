using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Archiving : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "step_definitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archived_by",
                table: "step_definitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "prompt_templates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archived_by",
                table: "prompt_templates",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "pipeline_definitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archived_by",
                table: "pipeline_definitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "schedule_input_json",
                table: "pipeline_definitions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "schedule_paused",
                table: "pipeline_definitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "schedule_time_zone",
                table: "pipeline_definitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "ir_schemas",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archived_by",
                table: "ir_schemas",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "step_definitions");

            migrationBuilder.DropColumn(
                name: "archived_by",
                table: "step_definitions");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "prompt_templates");

            migrationBuilder.DropColumn(
                name: "archived_by",
                table: "prompt_templates");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "pipeline_definitions");

            migrationBuilder.DropColumn(
                name: "archived_by",
                table: "pipeline_definitions");

            migrationBuilder.DropColumn(
                name: "schedule_input_json",
                table: "pipeline_definitions");

            migrationBuilder.DropColumn(
                name: "schedule_paused",
                table: "pipeline_definitions");

            migrationBuilder.DropColumn(
                name: "schedule_time_zone",
                table: "pipeline_definitions");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "ir_schemas");

            migrationBuilder.DropColumn(
                name: "archived_by",
                table: "ir_schemas");
        }
    }
}
