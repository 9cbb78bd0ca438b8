using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReviewReasonsAndTruthValidity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "reasons",
                table: "review_items",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            // Items raised before an item carried all its reasons had exactly one.
            migrationBuilder.Sql("UPDATE review_items SET reasons = ARRAY[reason]");

            migrationBuilder.AddColumn<string>(
                name: "schema_problem",
                table: "ground_truth_versions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "schema_valid",
                table: "ground_truth_versions",
                type: "boolean",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reasons",
                table: "review_items");

            migrationBuilder.DropColumn(
                name: "schema_problem",
                table: "ground_truth_versions");

            migrationBuilder.DropColumn(
                name: "schema_valid",
                table: "ground_truth_versions");
        }
    }
}
