using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "regression",
                table: "evaluation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "scheduled_for",
                table: "evaluation_runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evaluation_schedules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cron = table.Column<string>(type: "text", nullable: false),
                    webhook_url = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_schedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluation_schedules_pipeline_definitions_pipeline_definiti~",
                        column: x => x.pipeline_definition_id,
                        principalTable: "pipeline_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_schedules_pipeline_definition_id",
                table: "evaluation_schedules",
                column: "pipeline_definition_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_schedules");

            migrationBuilder.DropColumn(
                name: "regression",
                table: "evaluation_runs");

            migrationBuilder.DropColumn(
                name: "scheduled_for",
                table: "evaluation_runs");
        }
    }
}
