using System.Security.Claims;
using AiFlow.Domain.Common;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>
/// Collections: made and changed by Admins, read by Admins and Ops. A new collection gets its own HNSW index at its
/// dimension in the same transaction as its row; the dimension is fixed once chunks exist (their vectors would no
/// longer fit the index). Settings changes carry the row version read, and a stale one is a conflict.
/// </summary>
public sealed class CollectionService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    private const string What = "collections";
    private const int LatestJobs = 5;

    public async Task<IReadOnlyList<CollectionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Collections.AsNoTracking().OrderBy(c => c.Key)
            .Select(c => new CollectionSummary(c.Id, c.Key, c.Name, c.Dimensions,
                db.Documents.Count(d => d.CollectionId == c.Id && d.Status != DocumentStatus.Retired),
                db.DocumentChunks.Count(k => k.CollectionId == c.Id), c.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CollectionDetail?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collection = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (collection is null) return null;
        var byStatus = await db.Documents.AsNoTracking().Where(d => d.CollectionId == collection.Id)
            .GroupBy(d => d.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var chunks = await db.DocumentChunks.CountAsync(k => k.CollectionId == collection.Id, cancellationToken);
        // A document being ingested right now is still waiting for its chunks: it counts as pending.
        var counts = new DocumentCounts(byStatus.GetValueOrDefault(DocumentStatus.Ingested),
            byStatus.GetValueOrDefault(DocumentStatus.Pending) + byStatus.GetValueOrDefault(DocumentStatus.Ingesting),
            byStatus.GetValueOrDefault(DocumentStatus.Quarantined), byStatus.GetValueOrDefault(DocumentStatus.Failed), chunks);
        var jobs = await db.IngestionJobs.AsNoTracking().Where(j => j.CollectionId == collection.Id)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(LatestJobs).ToListAsync(cancellationToken);
        var routeName = collection.EmbeddingRouteId is { } routeId
            ? await db.ModelRoutes.AsNoTracking().Where(r => r.Id == routeId).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new CollectionDetail(collection, routeName, counts, [.. jobs.Select(JobProgress.Of)]);
    }

    public async Task<CollectionResult<CollectionDetail>> CreateAsync(string? key, CollectionSettings settings, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var author = AdminOnly.Require(user, What);
        ArgumentNullException.ThrowIfNull(settings);
        key = key?.Trim();
        var problems = new List<FieldProblem>();
        if (CollectionChecks.Key(key) is { } keyProblem) problems.Add(keyProblem);
        var collection = new Collection { Key = key ?? "", CreatedAt = clock.GetUtcNow(), CreatedBy = author };
        problems.AddRange(CollectionChecks.Settings(settings, collection));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        problems.AddRange(await ReferenceProblemsAsync(db, settings, cancellationToken));
        if (problems.Count > 0) return CollectionResult.Invalid<CollectionDetail>(problems);
        Apply(settings, collection);
        if (await db.Collections.AnyAsync(c => c.Key == collection.Key, cancellationToken)) return Taken(collection.Key);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Collections.Add(collection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Taken(collection.Key);
        }
        // The index commits with the row: a collection never exists without the index its searches rely on.
        await CollectionVectorIndex.EnsureAsync(db, collection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CollectionResult.Ok((await GetAsync(collection.Key, cancellationToken))!);
    }

    /// <summary>
    /// Changes collection <paramref name="key"/>'s settings if nobody changed them since <paramref name="expectedVersion"/>
    /// (the row version read). The dimension changes only while the collection has no chunks; its index is rebuilt then.
    /// </summary>
    public async Task<CollectionResult<CollectionDetail>> UpdateAsync(string key, uint expectedVersion, CollectionSettings settings, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var collection = await db.Collections.FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (collection is null) return CollectionResult.NotFound<CollectionDetail>($"There is no collection '{key}'.");
        if (collection.Version != expectedVersion) return Stale(key);
        var problems = CollectionChecks.Settings(settings, collection);
        problems.AddRange(await ReferenceProblemsAsync(db, settings, cancellationToken));
        var dimensionChanges = settings.Dimensions is { } d && d != collection.Dimensions;
        // Stored tsvectors were made in the old configuration: queries in a new one would miss them.
        var languageChanges = settings.TextSearchLanguage is { } l && l.Trim() != collection.TextSearchLanguage;
        if ((dimensionChanges || languageChanges) && await db.DocumentChunks.AnyAsync(k => k.CollectionId == collection.Id, cancellationToken))
        {
            if (dimensionChanges)
            {
                problems.Add(new("/dimensions", $"The dimension stays {collection.Dimensions}: the collection has chunks embedded at it. Make a new collection for another embedding model."));
            }
            if (languageChanges)
            {
                problems.Add(new("/textSearchLanguage", $"The text-search language stays {collection.TextSearchLanguage}: the collection's chunks were indexed in it. Make a new collection for another language."));
            }
        }
        if (problems.Count > 0) return CollectionResult.Invalid<CollectionDetail>(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Apply(settings, collection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(key);
        }
        if (dimensionChanges)
        {
            // The index is an expression over embedding::vector(n): another n needs another index. Identifiers come from a Guid.
#pragma warning disable EF1002 // The index name is formatted from the collection's Guid, never from user text.
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX IF EXISTS {CollectionVectorIndex.Name(collection.Id)}", cancellationToken);
#pragma warning restore EF1002
            await CollectionVectorIndex.EnsureAsync(db, collection, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return CollectionResult.Ok((await GetAsync(key, cancellationToken))!);
    }

    private static void Apply(CollectionSettings settings, Collection collection)
    {
        if (settings.Name is { } name) collection.Name = name.Trim();
        if (settings.Description is { } description) collection.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (settings.EmbeddingRouteId is { } route) collection.EmbeddingRouteId = route;
        if (settings.EmbeddingModel is { } model) collection.EmbeddingModel = model.Trim();
        if (settings.Dimensions is { } dimensions) collection.Dimensions = dimensions;
        if (settings.ChunkMaxTokens is { } max) collection.ChunkMaxTokens = max;
        if (settings.ChunkOverlapTokens is { } overlap) collection.ChunkOverlapTokens = overlap;
        if (settings.TextSearchLanguage is { } language) collection.TextSearchLanguage = language.Trim();
        if (settings.DefaultEfSearch is { } ef) collection.DefaultEfSearch = ef;
        if (settings.RerankEndpointId is { } rerank) collection.RerankEndpointId = rerank;
    }

    /// <summary>Problems with what the settings point at: a route, an endpoint, a text-search configuration this database has.</summary>
    private static async Task<List<FieldProblem>> ReferenceProblemsAsync(AiFlowDbContext db, CollectionSettings settings, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (settings.EmbeddingRouteId is { } route && !await db.ModelRoutes.AnyAsync(r => r.Id == route, cancellationToken))
        {
            problems.Add(new("/embeddingRouteId", $"There is no model route {route}."));
        }
        if (settings.RerankEndpointId is { } endpoint && !await db.InferenceEndpoints.AnyAsync(e => e.Id == endpoint, cancellationToken))
        {
            problems.Add(new("/rerankEndpointId", $"There is no inference endpoint {endpoint}."));
        }
        if (settings.TextSearchLanguage is { } language)
        {
            var known = await db.Database.SqlQuery<string>($"SELECT cfgname::text AS \"Value\" FROM pg_ts_config").ToListAsync(cancellationToken);
            if (!known.Contains(language.Trim(), StringComparer.Ordinal))
            {
                problems.Add(new("/textSearchLanguage", $"'{language}' is not a text-search configuration of this database; it has {string.Join(", ", known.Order(StringComparer.Ordinal))}."));
            }
        }
        return problems;
    }

    private static CollectionResult<CollectionDetail> Taken(string key) =>
        CollectionResult.Conflict<CollectionDetail>("/key", $"A collection with the key '{key}' exists already.");

    private static CollectionResult<CollectionDetail> Stale(string key) =>
        CollectionResult.Conflict<CollectionDetail>("/version", $"Collection '{key}' was changed by someone else since you read it; reload it and apply your change again.");
}
