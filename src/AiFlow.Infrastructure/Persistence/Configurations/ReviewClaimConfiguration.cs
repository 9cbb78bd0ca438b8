using AiFlow.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class ReviewClaimConfiguration : IEntityTypeConfiguration<ReviewClaim>
{
    public void Configure(EntityTypeBuilder<ReviewClaim> b)
    {
        b.ToTable("review_claims");
        // One live holder per slot, and one person per item: the database refuses double claims.
        b.HasIndex(x => new { x.ReviewItemId, x.Slot }).IsUnique().HasFilter("released_at is null").HasDatabaseName("ux_review_claims_slot_live");
        b.HasIndex(x => new { x.ReviewItemId, x.ReviewerId }).IsUnique().HasFilter("released_at is null").HasDatabaseName("ux_review_claims_reviewer_live");
        // "Does this reviewer already hold an item?" on every claim: open claims only, so it stays small as decided claims pile up.
        b.HasIndex(x => new { x.ReviewerId, x.ClaimedAt }).HasFilter("released_at is null and decided_at is null").HasDatabaseName("ix_review_claims_reviewer_open");
        b.HasOne<ReviewItem>().WithMany().HasForeignKey(x => x.ReviewItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
