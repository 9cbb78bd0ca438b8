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
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
