using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.GroundTruth;

/// <summary>No-tracking reads for the ground-truth browser and API.</summary>
public sealed class GroundTruthQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<(List<GroundTruthRow> Rows, int Total)> PageAsync(GroundTruthFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var examples = db.GroundTruthExamples.AsNoTracking();
        if (!filter.ShowRetired) examples = examples.Where(e => !e.IsRetired);
        if (filter.ScopeId is { } scope) examples = examples.Where(e => e.ScopeId == scope);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var matching = db.Database.SqlQuery<Guid>($"SELECT ground_truth_example_id AS \"Value\" FROM ground_truth_versions WHERE input_json::text ILIKE {pattern} OR expected_ir_json::text ILIKE {pattern}");
            examples = examples.Where(e => EF.Functions.ILike(e.Reference, pattern) || matching.Contains(e.Id));
        }
        var total = await examples.CountAsync(cancellationToken);
        var rows = await examples.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new GroundTruthRow(e.Id, e.ScopeId,
                e.Scope == GroundTruthScope.Pipeline
                    ? "pipeline " + (db.PipelineDefinitions.Where(p => p.Id == e.ScopeId).Select(p => p.Key).FirstOrDefault() ?? "?")
                    : db.StepDefinitions.Where(d => d.Id == e.ScopeId).Select(d => d.Key).FirstOrDefault() ?? "",
                e.Reference, e.CurrentVersionNumber, e.Versions.Count, e.CreatedAt, e.IsRetired,
                e.Versions.Where(v => v.Number == e.CurrentVersionNumber).Select(v => v.SchemaValid).FirstOrDefault(),
                e.Versions.Where(v => v.Number == e.CurrentVersionNumber).Select(v => v.SchemaProblem).FirstOrDefault(), e.Tags))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    public async Task<List<GroundTruthVersionView>> HistoryAsync(Guid exampleId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.GroundTruthVersions.AsNoTracking().Where(v => v.GroundTruthExampleId == exampleId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return [.. versions.Select(v => new GroundTruthVersionView(v.Number, v.InputJson, v.ExpectedIrJson, v.Provenance, v.CreatedAt, v.SupersededAt, v.SchemaValid, v.SchemaProblem))];
    }

    /// <summary>Every step and pipeline, for the scope picker: examples belong to a step (all its versions) or a pipeline.</summary>
    public async Task<List<(Guid Id, string Name)>> ScopesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.StepDefinitions.AsNoTracking().OrderBy(d => d.Key).Select(d => new { d.Id, d.Key }).ToListAsync(cancellationToken);
        var pipelines = await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key).Select(p => new { p.Id, p.Key }).ToListAsync(cancellationToken);
        return [.. steps.Select(s => (s.Id, "step " + s.Key)), .. pipelines.Select(p => (p.Id, "pipeline " + p.Key))];
    }

    /// <summary>The current version of each live example of a step or pipeline, oldest first.</summary>
    public async Task<GroundTruthApiPage> ApiPageAsync(Guid scope, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var examples = db.GroundTruthExamples.AsNoTracking().Where(e => (e.Scope == GroundTruthScope.Step || e.Scope == GroundTruthScope.Pipeline) && e.ScopeId == scope && !e.IsRetired);
        var total = await examples.CountAsync(cancellationToken);
        var rows = await examples.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber), (e, v) => new { e.Id, e.Reference, v.Number, v.InputJson, v.ExpectedIrJson, v.Provenance, v.CreatedAt })
            .ToListAsync(cancellationToken);
        return new GroundTruthApiPage(scope, page, pageSize, total,
            [.. rows.Select(r => new GroundTruthApiItem(r.Id, r.Reference, r.Number, JsonNode.Parse(r.InputJson), JsonNode.Parse(r.ExpectedIrJson), r.Provenance, r.CreatedAt))]);
    }

    public async Task<Guid?> StepIdAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StepDefinitions.AsNoTracking().Where(d => d.Key == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Guid?> PipelineIdAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PipelineDefinitions.AsNoTracking().Where(p => p.Key == key).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
