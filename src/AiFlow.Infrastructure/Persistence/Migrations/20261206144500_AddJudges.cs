using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddJudges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing policies get the default judge bar (kappa or rho >= 0.6 on >= 30 items), not 0 on 0 items.
            migrationBuilder.AddColumn<double>(
                name: "judge_min_agreement",
                table: "gate_policies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.6);

            migrationBuilder.AddColumn<int>(
                name: "judge_min_items",
                table: "gate_policies",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.CreateTable(
                name: "judge_definitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_judge_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "judge_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    judge_definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    prompt_template = table.Column<string>(type: "text", nullable: false),
                    rubric = table.Column<string>(type: "text", nullable: false),
                    output_schema_json = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    model_route_id = table.Column<Guid>(type: "uuid", nullable: true),
                    score_min = table.Column<double>(type: "double precision", nullable: false),
                    score_max = table.Column<double>(type: "double precision", nullable: false),
                    categories = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_judge_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_judge_versions_judge_definitions_judge_definition_id",
                        column: x => x.judge_definition_id,
                        principalTable: "judge_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_judge_versions_model_routes_model_route_id",
                        column: x => x.model_route_id,
                        principalTable: "model_routes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_judge_definitions_key",
                table: "judge_definitions",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_judge_versions_judge_definition_id_number",
                table: "judge_versions",
                columns: new[] { "judge_definition_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_judge_versions_model_route_id",
                table: "judge_versions",
                column: "model_route_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "judge_versions");

            migrationBuilder.DropTable(
                name: "judge_definitions");

            migrationBuilder.DropColumn(
                name: "judge_min_agreement",
                table: "gate_policies");

            migrationBuilder.DropColumn(
                name: "judge_min_items",
                table: "gate_policies");
        }
    }
}
