using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Runs.List;

/// <summary>The server-side run list: one aggregate query for count and totals, one for the page.</summary>
public sealed class RunListQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public const int MaxPageSize = 200;
    private const int InputPreviewLength = 120;

    /// <summary>Every pipeline with its versions in order; also what <c>GET /api/pipelines</c> answers (see <see cref="PipelineSummary"/>).</summary>
    public async Task<List<PipelineOption>> PipelinesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key)
            .Select(p => new PipelineOption(p.Id, p.Key, p.Name, p.Versions.OrderBy(v => v.Number)
                .Select(v => new VersionOption(v.Id, v.Number, v.Status, v.IsActive)).ToList(), p.InputSchemaJson))
            .ToListAsync(cancellationToken);
    }

    public async Task<RunListPage> PageAsync(RunFilter filter, RunSort sort, bool descending, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = filter.Apply(db.PipelineRuns.AsNoTracking());

        var totals = await runs.GroupBy(_ => 1).Select(g => new RunTotals(
                g.Count(),
                g.Sum(r => (long)r.TokensIn + r.TokensOut),
                g.Sum(r => r.CostUsd),
                g.Sum(r => r.StartedAt != null && r.FinishedAt != null ? (r.FinishedAt.Value - r.StartedAt.Value).TotalSeconds : 0)))
            .SingleOrDefaultAsync(cancellationToken) ?? RunTotals.None;

        var ordered = (sort, descending) switch
        {
            (RunSort.Status, false) => runs.OrderBy(r => r.Status).ThenByDescending(r => r.CreatedAt),
            (RunSort.Status, true) => runs.OrderByDescending(r => r.Status).ThenByDescending(r => r.CreatedAt),
            (RunSort.Duration, false) => runs.OrderBy(r => r.FinishedAt - r.StartedAt).ThenByDescending(r => r.CreatedAt),
            (RunSort.Duration, true) => runs.OrderByDescending(r => r.FinishedAt - r.StartedAt).ThenByDescending(r => r.CreatedAt),
            (RunSort.Tokens, false) => runs.OrderBy(r => r.TokensIn + r.TokensOut).ThenByDescending(r => r.CreatedAt),
            (RunSort.Tokens, true) => runs.OrderByDescending(r => r.TokensIn + r.TokensOut).ThenByDescending(r => r.CreatedAt),
            (RunSort.Cost, false) => runs.OrderBy(r => r.CostUsd).ThenByDescending(r => r.CreatedAt),
            (RunSort.Cost, true) => runs.OrderByDescending(r => r.CostUsd).ThenByDescending(r => r.CreatedAt),
            (_, false) => runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            _ => runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        };
        var items = await ordered.Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(r => new RunListRow(
                r.Id,
                db.PipelineDefinitions.Where(d => d.Id == r.PipelineDefinitionId).Select(d => d.Key).FirstOrDefault() ?? "?",
                db.PipelineVersions.Where(v => v.Id == r.PipelineVersionId).Select(v => v.Number).FirstOrDefault(),
                r.Status, r.Trigger, r.CreatedAt, r.StartedAt, r.FinishedAt, (long)r.TokensIn + r.TokensOut, r.CostUsd,
                // Only the start of the input leaves the database: inputs may be megabytes.
                JsonText.Of(r.InputJson).Substring(0, InputPreviewLength), r.RequestedBy))
            .ToListAsync(cancellationToken);
        return new RunListPage(items, totals);
    }
}
