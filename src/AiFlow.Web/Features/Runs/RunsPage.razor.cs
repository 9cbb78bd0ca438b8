using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AiFlow.Web.Features.Runs;

public partial class RunsPage
{
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;

    private sealed record PipelineOption(Guid Id, string Key);
    private sealed record Row(Guid Id, string PipelineKey, int VersionNumber, RunStatus Status, RunTrigger Trigger,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Tokens, decimal CostUsd);

    private MudTable<Row>? table;
    private List<PipelineOption> pipelines = [];
    private RunStatus? status;
    private Guid? pipelineId;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        pipelines = await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key).Select(p => new PipelineOption(p.Id, p.Key)).ToListAsync();
    }

    private async Task<TableData<Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.PipelineRuns.AsNoTracking();
        if (status is { } s) runs = runs.Where(r => r.Status == s);
        if (pipelineId is { } p) runs = runs.Where(r => r.PipelineDefinitionId == p);

        var total = await runs.CountAsync(cancellationToken);
        var items = await runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(state.Page * state.PageSize).Take(state.PageSize)
            .Select(r => new Row(
                r.Id,
                db.PipelineDefinitions.Where(d => d.Id == r.PipelineDefinitionId).Select(d => d.Key).FirstOrDefault() ?? "?",
                db.PipelineVersions.Where(v => v.Id == r.PipelineVersionId).Select(v => v.Number).FirstOrDefault(),
                r.Status, r.Trigger, r.CreatedAt, r.StartedAt, r.FinishedAt,
                (long)r.TokensIn + r.TokensOut, r.CostUsd))
            .ToListAsync(cancellationToken);
        return new TableData<Row> { Items = items, TotalItems = total };
    }

    private Task OnStatusChanged(RunStatus? value)
    {
        status = value;
        return Reload();
    }

    private Task OnPipelineChanged(Guid? value)
    {
        pipelineId = value;
        return Reload();
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;
}
