using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReviewClaimIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_review_items_open_queue_by_step",
                table: "review_items",
                columns: new[] { "step_version_id", "created_at", "id" },
                filter: "status IN ('Pending', 'InReview')");

            migrationBuilder.CreateIndex(
                name: "ix_review_claims_reviewer_open",
                table: "review_claims",
                columns: new[] { "reviewer_id", "claimed_at" },
                filter: "released_at is null and decided_at is null");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_items_open_queue_by_step",
                table: "review_items");

            migrationBuilder.DropIndex(
                name: "ix_review_claims_reviewer_open",
                table: "review_claims");
        }
    }
}
