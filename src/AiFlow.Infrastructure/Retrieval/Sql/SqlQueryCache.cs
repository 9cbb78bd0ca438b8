using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>
/// SQL that ran successfully, keyed by step version, the views' schema hash and the question (prompt version, A/B variant
/// and the rendered prompt, normalised). A hit skips the model call; the cached SQL still goes through the guard and the
/// runner. The cache is advisory: it is written outside the run's commit, and losing a row costs one model call.
/// </summary>
public sealed partial class SqlQueryCache(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    public static string QuestionHash(Guid promptVersionId, string? variant, string renderedPrompt)
    {
        var normalised = Whitespace().Replace(renderedPrompt.Trim(), " ").ToLowerInvariant();
        return Hash($"{promptVersionId:N}\n{variant}\n{normalised}");
    }

    public async Task<string?> FindAsync(Guid stepVersionId, string schemaHash, string questionHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var sql = await db.SqlQueryCache.AsNoTracking()
            .Where(e => e.StepVersionId == stepVersionId && e.SchemaHash == schemaHash && e.QuestionHash == questionHash)
            .Select(e => e.Sql).FirstOrDefaultAsync(cancellationToken);
        if (sql is not null)
        {
            await db.SqlQueryCache.Where(e => e.StepVersionId == stepVersionId && e.SchemaHash == schemaHash && e.QuestionHash == questionHash)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Hits, e => e.Hits + 1).SetProperty(e => e.LastHitAt, now), cancellationToken);
        }
        return sql;
    }

    /// <summary>Keeps the first SQL stored for a key; a concurrent run with the same question does not overwrite it.</summary>
    public async Task StoreAsync(Guid stepVersionId, string schemaHash, string questionHash, string sql, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO sql_query_cache (id, step_version_id, schema_hash, question_hash, sql, created_at, hits)
            VALUES ({id}, {stepVersionId}, {schemaHash}, {questionHash}, {sql}, {now}, 0)
            ON CONFLICT (step_version_id, schema_hash, question_hash) DO NOTHING
            """, cancellationToken);
    }

    public async Task ForgetAsync(Guid stepVersionId, string schemaHash, string questionHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SqlQueryCache.Where(e => e.StepVersionId == stepVersionId && e.SchemaHash == schemaHash && e.QuestionHash == questionHash)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
