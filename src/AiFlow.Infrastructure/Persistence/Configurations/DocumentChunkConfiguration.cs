using AiFlow.Domain.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class DocumentChunkConfiguration : IEntityTypeConfiguration<DocumentChunk>
{
    public void Configure(EntityTypeBuilder<DocumentChunk> b)
    {
        b.ToTable("document_chunks");
        b.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
        b.HasIndex(x => x.CollectionId);
        b.HasOne<Collection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        // Domain keeps float[]; the column is pgvector's vector without a fixed dimension, because collections differ.
        // Each collection gets its own partial HNSW index over embedding::vector(n) (ADR 0025), and its searches cast
        // the same way so the planner uses it.
        b.Property(x => x.Embedding)
            .HasConversion(v => v == null ? null : new Pgvector.Vector(v), v => v == null ? null : v.ToArray(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<float[]?>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    v => v == null ? 0 : v.Length,
                    v => v == null ? null : v.ToArray()))
            .HasColumnType("vector");
        // Filled by a trigger with the collection's text-search configuration (see the migration): a generated column
        // cannot read another table.
        b.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector").HasColumnType("tsvector").ValueGeneratedOnAdd();
        b.HasIndex("SearchVector").HasMethod("gin").HasDatabaseName("ix_document_chunks_search_vector");
    }
}
