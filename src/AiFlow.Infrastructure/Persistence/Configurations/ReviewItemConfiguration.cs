using AiFlow.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.ToTable("review_items");
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => x.StepRunId);
        // The claim query walks open items oldest first; this keeps it an ordered index scan that stops at the first free item.
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter("status IN ('Pending', 'InReview')").HasDatabaseName("ix_review_items_open_queue");
        // The same walk when a reviewer filters the queue by step version.
        b.HasIndex(x => new { x.StepVersionId, x.CreatedAt, x.Id }).HasFilter("status IN ('Pending', 'InReview')").HasDatabaseName("ix_review_items_open_queue_by_step");
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        // Names, like every enum column here, so the rows read the same in psql and survive a reordered enum.
        b.PrimitiveCollection(x => x.Reasons).HasColumnType("text[]").ElementType(e => e.HasConversion<string>());
    }
}
