using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Budgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "api_key_id",
                table: "pipeline_runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    pipeline_definition_id = table.Column<Guid>(type: "uuid", nullable: true),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount_usd = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    soft_limit_percent = table.Column<int>(type: "integer", nullable: true),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                    table.CheckConstraint("ck_budgets_amount_positive", "amount_usd > 0");
                    table.ForeignKey(
                        name: "fk_budgets_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_budgets_pipeline_definitions_pipeline_definition_id",
                        column: x => x.pipeline_definition_id,
                        principalTable: "pipeline_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_runs_api_key_id",
                table: "pipeline_runs",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_api_key_id",
                table: "budgets",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_pipeline_definition_id",
                table: "budgets",
                column: "pipeline_definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_scope_pipeline_definition_id_api_key_id_period",
                table: "budgets",
                columns: new[] { "scope", "pipeline_definition_id", "api_key_id", "period" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budgets");

            migrationBuilder.DropIndex(
                name: "ix_pipeline_runs_api_key_id",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "api_key_id",
                table: "pipeline_runs");
        }
    }
}
