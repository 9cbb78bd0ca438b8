using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

public partial class EvaluationsPage
{
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;

    private async Task<TableData<EvaluationRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.EvaluationRuns.AsNoTracking();
        var total = await runs.CountAsync(cancellationToken);
        var page = await runs.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip(state.Page * state.PageSize).Take(state.PageSize)
            .Select(e => new
            {
                Pipeline = db.PipelineVersions.Where(v => v.Id == e.PipelineVersionId)
                    .Select(v => new { v.PipelineDefinition!.Key, v.Number }).FirstOrDefault(),
                Step = db.StepVersions.Where(v => v.Id == e.StepVersionId)
                    .Select(v => new { v.StepDefinition!.Key, v.Number }).FirstOrDefault(),
                e.Status, e.GatePassed, e.Aggregates, e.CreatedAt, e.FinishedAt, e.RequestedBy,
                Results = db.EvaluationResults.Count(r => r.EvaluationRunId == e.Id),
                Passed = db.EvaluationResults.Count(r => r.EvaluationRunId == e.Id && r.Passed),
            })
            .ToListAsync(cancellationToken);
        var items = page.Select(e => new EvaluationRow(
            e.Pipeline is { } p ? $"pipeline {p.Key} v{p.Number}" : e.Step is { } s ? $"step {s.Key} v{s.Number}" : "—",
            e.Status, e.GatePassed, e.Results, e.Passed, e.Aggregates, e.CreatedAt, e.FinishedAt, e.RequestedBy)).ToList();
        return new TableData<EvaluationRow> { Items = items, TotalItems = total };
    }
}
