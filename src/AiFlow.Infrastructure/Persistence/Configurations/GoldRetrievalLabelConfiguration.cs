using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Retrieval.Gold;
using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class GoldRetrievalLabelConfiguration : IEntityTypeConfiguration<GoldRetrievalLabel>
{
    public void Configure(EntityTypeBuilder<GoldRetrievalLabel> b)
    {
        b.ToTable("gold_retrieval_labels");
        // One judgement per chunk of a step run: a second click changes it.
        b.HasIndex(x => new { x.StepRunId, x.ChunkId }).IsUnique();
        // By collection, not (collection, query): a long query would not fit a btree entry.
        b.HasIndex(x => x.CollectionId);
        b.Property(x => x.NodeKey).HasMaxLength(100);
        b.Property(x => x.ChunkId).HasMaxLength(100);
        b.Property(x => x.LabelledBy).HasMaxLength(256);
        b.HasOne<Collection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StepRun>().WithMany().HasForeignKey(x => x.StepRunId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
