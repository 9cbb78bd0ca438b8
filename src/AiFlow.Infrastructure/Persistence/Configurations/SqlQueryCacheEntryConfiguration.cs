using AiFlow.Domain.Retrieval.Sql;
using AiFlow.Domain.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class SqlQueryCacheEntryConfiguration : IEntityTypeConfiguration<SqlQueryCacheEntry>
{
    public void Configure(EntityTypeBuilder<SqlQueryCacheEntry> b)
    {
        b.ToTable("sql_query_cache");
        b.HasIndex(x => new { x.StepVersionId, x.SchemaHash, x.QuestionHash }).IsUnique();
        b.Property(x => x.SchemaHash).HasMaxLength(64);
        b.Property(x => x.QuestionHash).HasMaxLength(64);
        b.Property(x => x.Sql).HasMaxLength(SqlGuard.MaxLength);
        b.HasOne<StepVersion>().WithMany().HasForeignKey(x => x.StepVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
