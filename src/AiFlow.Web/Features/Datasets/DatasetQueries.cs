using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Datasets;

/// <summary>Read side of datasets for the console and the API: dataset versions paged newest first, one version's cases, a comparison, and the scopes there are.</summary>
public sealed class DatasetQueries(IDbContextFactory<AiFlowDbContext> contexts, DatasetService datasets)
{
    /// <summary>Every step and pipeline (their examples may form datasets), steps first, by key.</summary>
    public async Task<List<DatasetScopeRef>> ScopesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.StepDefinitions.AsNoTracking().OrderBy(d => d.Key).Select(d => new { d.Id, d.Key }).ToListAsync(cancellationToken);
        var pipelines = await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key).Select(p => new { p.Id, p.Key }).ToListAsync(cancellationToken);
        return [.. steps.Select(s => new DatasetScopeRef(GroundTruthScope.Step, s.Id, s.Key)), .. pipelines.Select(p => new DatasetScopeRef(GroundTruthScope.Pipeline, p.Id, p.Key))];
    }

    /// <summary>The step or pipeline with this key; null when there is none.</summary>
    public async Task<DatasetScopeRef?> FindScopeAsync(GroundTruthScope scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Guid? id = scope == GroundTruthScope.Step
            ? await db.StepDefinitions.AsNoTracking().Where(d => d.Key == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken)
            : await db.PipelineDefinitions.AsNoTracking().Where(d => d.Key == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? new DatasetScopeRef(scope, found, key) : null;
    }

    /// <summary>Whether any live example of the scope carries the tag.</summary>
    public async Task<bool> HasTagAsync(DatasetScopeRef scope, string tag, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GroundTruthExamples.AsNoTracking().AnyAsync(e => e.Scope == scope.Scope && e.ScopeId == scope.Id && !e.IsRetired && e.Tags.Contains(tag), cancellationToken);
    }

    /// <summary>Dataset versions, newest first, of one scope or of all.</summary>
    public async Task<(List<DatasetRow> Rows, int Total)> PageAsync(DatasetScopeRef? scope, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = db.DatasetVersions.AsNoTracking().Where(d => d.Scope != GroundTruthScope.StepVersion);
        if (scope is not null) versions = versions.Where(d => d.Scope == scope.Scope && d.ScopeId == scope.Id);
        var total = await versions.CountAsync(cancellationToken);
        var rows = await versions.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Number).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (await RowsAsync(db, rows, cancellationToken), total);
    }

    public async Task<DatasetRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.DatasetVersions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return version is null ? null : (await RowsAsync(db, [version], cancellationToken))[0];
    }

    /// <summary>One page of a dataset version's cases, oldest example first.</summary>
    public async Task<(List<DatasetItemRow> Rows, int Total)> ItemsAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = from i in db.DatasetVersionItems.AsNoTracking()
                    join v in db.GroundTruthVersions on i.GroundTruthVersionId equals v.Id
                    join e in db.GroundTruthExamples on i.GroundTruthExampleId equals e.Id
                    where i.DatasetVersionId == id
                    select new { e.Id, e.CreatedAt, v.Number, e.Tags, v.InputJson, v.ExpectedIrJson };
        var total = await items.CountAsync(cancellationToken);
        var rows = await items.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return ([.. rows.Select(r => new DatasetItemRow(r.Id, r.Number, r.Tags, r.InputJson, r.ExpectedIrJson))], total);
    }

    /// <summary>What changed between two dataset versions; null when either is missing, a problem when they belong to different scopes.</summary>
    public async Task<(DatasetComparisonView? View, string? Problem)> CompareAsync(Guid from, Guid to, CancellationToken cancellationToken)
    {
        var (left, right) = (await FindAsync(from, cancellationToken), await FindAsync(to, cancellationToken));
        if (left is null || right is null) return (null, null);
        if (left.Scope != right.Scope || left.ScopeId != right.ScopeId)
        {
            return (null, $"Dataset versions of different scopes ({left.ScopeKey} v{left.Number}, {right.ScopeKey} v{right.Number}) cannot be compared.");
        }
        var changes = await datasets.CompareAsync(left.Scope, left.ScopeId, left.Number, right.Number, cancellationToken);
        return (new DatasetComparisonView(left, right, changes!), null);
    }

    private static async Task<List<DatasetRow>> RowsAsync(AiFlowDbContext db, List<DatasetVersion> versions, CancellationToken cancellationToken)
    {
        var ids = versions.Select(v => v.Id).ToList();
        var tags = await (from i in db.DatasetVersionItems.AsNoTracking()
                          join e in db.GroundTruthExamples on i.GroundTruthExampleId equals e.Id
                          where ids.Contains(i.DatasetVersionId)
                          select new { i.DatasetVersionId, e.Tags }).ToListAsync(cancellationToken);
        var counts = tags.GroupBy(t => t.DatasetVersionId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.SelectMany(t => t.Tags)
            .GroupBy(t => t, StringComparer.Ordinal).OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Count(), StringComparer.Ordinal));
        var stepIds = versions.Where(v => v.Scope == GroundTruthScope.Step).Select(v => v.ScopeId).Distinct().ToList();
        var pipelineIds = versions.Where(v => v.Scope == GroundTruthScope.Pipeline).Select(v => v.ScopeId).Distinct().ToList();
        var keys = (await db.StepDefinitions.AsNoTracking().Where(d => stepIds.Contains(d.Id)).Select(d => new { d.Id, d.Key }).ToListAsync(cancellationToken))
            .Concat(await db.PipelineDefinitions.AsNoTracking().Where(d => pipelineIds.Contains(d.Id)).Select(d => new { d.Id, d.Key }).ToListAsync(cancellationToken))
            .ToDictionary(k => k.Id, k => k.Key);
        return [.. versions.Select(v => new DatasetRow(v.Id, v.Scope, v.ScopeId, keys.GetValueOrDefault(v.ScopeId) ?? v.ScopeId.ToString(), v.Number, v.ExampleCount, v.Tag,
            v.Source, v.CreatedBy, v.Note, v.CreatedAt, counts.GetValueOrDefault(v.Id) ?? new Dictionary<string, int>()))];
    }
}
