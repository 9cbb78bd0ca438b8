using AiFlow.Domain.Evaluation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>The server-paged list of evaluations; it reads its page again every few seconds while one it shows is queued or running.</summary>
public sealed partial class EvaluationsPage
{
    [Inject] private EvaluationQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private readonly CancellationTokenSource life = new();
    private MudTable<EvaluationRow>? table;
    private bool showsLive;

    protected override void OnInitialized() => _ = RefreshWhileLiveAsync();

    private async Task<TableData<EvaluationRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Queries.PageAsync(state.Page, state.PageSize, cancellationToken);
        showsLive = rows.Any(r => r.Status is EvaluationStatus.Queued or EvaluationStatus.Running);
        return new TableData<EvaluationRow> { Items = rows, TotalItems = total };
    }

    private async Task RefreshWhileLiveAsync()
    {
        var token = life.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                if (showsLive && table is not null) await InvokeAsync(table.ReloadServerData);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private async Task NewEvaluationAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewEvaluationDialog>("New evaluation", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid id }) Navigation.NavigateTo($"/evaluations/{id}");
    }

    public void Dispose()
    {
        life.Cancel();
        life.Dispose();
    }
}
