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
        // Domain keeps float[]; the column is pgvector's vector(384), searched by cosine distance through an HNSW index.
        b.Property(x => x.Embedding)
            .HasConversion(v => v == null ? null : new Pgvector.Vector(v), v => v == null ? null : v.ToArray(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<float[]?>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    v => v == null ? 0 : v.Length,
                    v => v == null ? null : v.ToArray()))
            .HasColumnType($"vector({DocumentChunk.EmbeddingDimensions})");
        b.HasIndex(x => x.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops").HasDatabaseName("ix_document_chunks_embedding_hnsw");
        b.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
            .HasColumnType("tsvector")
            .HasComputedColumnSql("to_tsvector('english', coalesce(heading_path, '') || ' ' || text)", stored: true);
        b.HasIndex("SearchVector").HasMethod("gin").HasDatabaseName("ix_document_chunks_search_vector");
    }
}
