using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Datasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "step_version_id",
                table: "ground_truth_versions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "ground_truth_examples",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "dataset_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    example_count = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dataset_version_items",
                columns: table => new
                {
                    dataset_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ground_truth_example_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ground_truth_version_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_version_items", x => new { x.dataset_version_id, x.ground_truth_example_id });
                    table.ForeignKey(
                        name: "fk_dataset_version_items_dataset_versions_dataset_version_id",
                        column: x => x.dataset_version_id,
                        principalTable: "dataset_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dataset_version_items_ground_truth_versions_ground_truth_ve~",
                        column: x => x.ground_truth_version_id,
                        principalTable: "ground_truth_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dataset_version_items_ground_truth_version_id",
                table: "dataset_version_items",
                column: "ground_truth_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_dataset_versions_scope_scope_id_number",
                table: "dataset_versions",
                columns: new[] { "scope", "scope_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_version_items");

            migrationBuilder.DropTable(
                name: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "step_version_id",
                table: "ground_truth_versions");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "ground_truth_examples");
        }
    }
}
