using AiFlow.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class HumanFeedbackConfiguration : IEntityTypeConfiguration<HumanFeedback>
{
    public void Configure(EntityTypeBuilder<HumanFeedback> b)
    {
        b.ToTable("human_feedback");
        b.HasIndex(x => x.ReviewItemId);
        b.HasIndex(x => x.CuratedAt);
        b.Property(x => x.CorrectedIrJson).HasColumnType("jsonb");
        b.Property(x => x.CorrectionErrors).HasJsonConversion();
        b.Property(x => x.Labels).HasColumnType("text[]");
    }
}
