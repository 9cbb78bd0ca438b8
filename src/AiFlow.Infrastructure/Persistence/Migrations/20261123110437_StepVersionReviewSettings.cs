using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StepVersionReviewSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "blind_review",
                table: "step_versions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "rating_scale",
                table: "step_versions",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "review_lease_minutes",
                table: "step_versions",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.CreateIndex(
                name: "ix_review_items_open_queue",
                table: "review_items",
                columns: new[] { "created_at", "id" },
                filter: "status IN ('Pending', 'InReview')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_items_open_queue",
                table: "review_items");

            migrationBuilder.DropColumn(
                name: "blind_review",
                table: "step_versions");

            migrationBuilder.DropColumn(
                name: "rating_scale",
                table: "step_versions");

            migrationBuilder.DropColumn(
                name: "review_lease_minutes",
                table: "step_versions");
        }
    }
}
