using AiFlow.Domain.Retrieval;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Tests.Infrastructure.Persistence;

public class DatabaseSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_with_every_table_and_the_metrics_view()
    {
        await using var db = fixture.Database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        foreach (var table in new[] { "pipeline_versions", "step_runs", "ir_artifacts", "metric_results", "review_claims", "ground_truth_versions", "document_chunks", "audit_entries", "api_keys", "asp_net_users" })
        {
            Assert.Equal(1L, await ScalarAsync($"select count(*) from information_schema.tables where table_name = '{table}'"));
        }
        Assert.Equal(1L, await ScalarAsync("select count(*) from information_schema.views where table_name = 'metrics_results_v'"));
    }

    [Fact]
    public async Task Embedding_column_takes_any_dimension_because_each_collection_indexes_its_own_and_full_text_has_a_gin_index()
    {
        Assert.Equal("vector", await ScalarAsync(
            "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'document_chunks'::regclass and attname = 'embedding'"));
        Assert.Contains("gin", (string?)await ScalarAsync("select indexdef from pg_indexes where indexname = 'ix_document_chunks_search_vector'"));
    }

    [Fact]
    public async Task Cosine_distance_query_returns_the_nearest_chunks_first_and_full_text_uses_the_collections_language()
    {
        var collection = new Collection { Key = "schema-" + Guid.NewGuid().ToString("N")[..8], Name = "Schema test", CreatedAt = DateTimeOffset.UtcNow };
        await using (var db = fixture.Database.CreateContext())
        {
            db.Collections.Add(collection);
            var document = new Document { CollectionId = collection.Id, FileName = "manual.txt", Title = "Manual", Checksum = "x", CreatedAt = DateTimeOffset.UtcNow };
            document.Chunks.Add(new DocumentChunk { CollectionId = collection.Id, Ordinal = 0, Text = "pump maintenance", Embedding = Axis(0) });
            document.Chunks.Add(new DocumentChunk { CollectionId = collection.Id, Ordinal = 1, Text = "valve replacement", Embedding = Axis(1) });
            document.Chunks.Add(new DocumentChunk { CollectionId = collection.Id, Ordinal = 2, Text = "pump and valve", Embedding = Mix(0, 1) });
            db.Documents.Add(document);
            await db.SaveChangesAsync();
        }

        await using var query = fixture.Database.CreateContext();
        var probe = new Pgvector.Vector(Mix(0, 0.2f));
        var nearest = await query.Database
            .SqlQuery<string>($"select text as \"Value\" from document_chunks where collection_id = {collection.Id} order by embedding::vector(384) <=> {probe} limit 3")
            .ToListAsync();

        Assert.Equal(["pump maintenance", "pump and valve", "valve replacement"], nearest);
        var matched = await query.Database
            .SqlQuery<string>($"select text as \"Value\" from document_chunks where collection_id = {collection.Id} and search_vector @@ plainto_tsquery('english', 'valves')")
            .ToListAsync();
        Assert.Equal(2, matched.Count);
    }

    private static float[] Axis(int i)
    {
        var v = new float[Collection.DefaultDimensions];
        v[i] = 1;
        return v;
    }

    private static float[] Mix(int i, float second)
    {
        var v = Axis(i);
        if (second is > 0 and < 1) v[1] = second;
        else v[1] = 1;
        return v;
    }
}
