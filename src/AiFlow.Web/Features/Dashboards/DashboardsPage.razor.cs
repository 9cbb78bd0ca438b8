using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Dashboards;

/// <summary>Every figure is an aggregate computed by PostgreSQL; no run or artifact rows are loaded.</summary>
public partial class DashboardsPage
{
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private sealed record StatusRow(RunStatus Status, int Count, long Tokens, decimal Cost);
    private sealed record Data(List<StatusRow> ByStatus, int Runs7d, long Tokens7d, decimal Cost7d, int ReviewBacklog, int IrValid, int IrTotal);

    private Data? data;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var byStatus = await db.PipelineRuns.AsNoTracking().GroupBy(r => r.Status)
            .Select(g => new StatusRow(g.Key, g.Count(), g.Sum(r => (long)r.TokensIn + r.TokensOut), g.Sum(r => r.CostUsd)))
            .ToListAsync();

        var since = Clock.GetUtcNow().AddDays(-7);
        var week = await db.PipelineRuns.AsNoTracking().Where(r => r.CreatedAt >= since).GroupBy(_ => 1)
            .Select(g => new { Runs = g.Count(), Tokens = g.Sum(r => (long)r.TokensIn + r.TokensOut), Cost = g.Sum(r => r.CostUsd) })
            .SingleOrDefaultAsync();

        var backlog = await db.ReviewItems.AsNoTracking()
            .CountAsync(r => r.Status == ReviewItemStatus.Pending || r.Status == ReviewItemStatus.InReview || r.Status == ReviewItemStatus.Escalated);

        var ir = await db.IrArtifacts.AsNoTracking().GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Valid = g.Count(a => a.IsValid) })
            .SingleOrDefaultAsync();

        data = new Data([.. byStatus.OrderBy(s => s.Status)], week?.Runs ?? 0, week?.Tokens ?? 0, week?.Cost ?? 0, backlog, ir?.Valid ?? 0, ir?.Total ?? 0);
    }
}
