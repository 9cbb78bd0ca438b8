using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GatePolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "gate_overridden_at",
                table: "pipeline_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gate_overridden_by",
                table: "pipeline_versions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gate_override_reason",
                table: "pipeline_versions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "gate_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    min_cases = table.Column<int>(type: "integer", nullable: false),
                    tag = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gate_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_gate_policies_pipeline_definitions_pipeline_definition_id",
                        column: x => x.pipeline_definition_id,
                        principalTable: "pipeline_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gate_policies_pipeline_definition_id",
                table: "gate_policies",
                column: "pipeline_definition_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gate_policies");

            migrationBuilder.DropColumn(
                name: "gate_overridden_at",
                table: "pipeline_versions");

            migrationBuilder.DropColumn(
                name: "gate_overridden_by",
                table: "pipeline_versions");

            migrationBuilder.DropColumn(
                name: "gate_override_reason",
                table: "pipeline_versions");
        }
    }
}
