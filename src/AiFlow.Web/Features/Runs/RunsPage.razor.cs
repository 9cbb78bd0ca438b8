using AiFlow.Web.Features.Runs.List;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace AiFlow.Web.Features.Runs;

/// <summary>The server-paged, sorted and filtered run list; the filter lives in the query string (drill-down, sharing, reload).</summary>
public partial class RunsPage
{
    [Inject] private RunListQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private MudTable<RunListRow>? table;
    private List<PipelineOption> pipelines = [];
    private RunFilter filter = new();
    private RunTotals totals = RunTotals.None;

    private IReadOnlyList<VersionOption> VersionsOfSelected => pipelines.FirstOrDefault(p => p.Id == filter.PipelineId)?.Versions ?? [];
    private DateTime? FromDate => filter.From?.UtcDateTime.Date;
    private DateTime? ToDate => filter.To?.UtcDateTime.Date;

    protected override async Task OnInitializedAsync()
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        filter = RunFilter.FromQuery(k => query.TryGetValue(k, out var v) ? v : default);
        pipelines = await Queries.PipelinesAsync(CancellationToken.None);
    }

    private async Task<TableData<RunListRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = Enum.TryParse<RunSort>(state.SortLabel, out var s) ? s : RunSort.Created;
        var descending = state.SortDirection != SortDirection.Ascending;
        var page = await Queries.PageAsync(filter, sort, descending, state.Page, state.PageSize, cancellationToken);
        if (totals != page.Totals)
        {
            totals = page.Totals;
            // ServerData re-renders only the table; the totals above it belong to the page.
            _ = InvokeAsync(StateHasChanged);
        }
        return new TableData<RunListRow> { Items = page.Items, TotalItems = page.Totals.Runs };
    }

    private Task OnPipelineChanged(Guid? value) => SetAsync(() =>
    {
        filter.PipelineId = value;
        filter.PipelineVersionId = null;
    });

    /// <summary>Applies a filter change, writes the filter to the address (so it can be shared, reloaded and gone back to) and reloads.</summary>
    private async Task SetAsync(Action change)
    {
        change();
        var pairs = filter.ToQuery().Where(p => p.Value is not null);
        Navigation.NavigateTo(QueryHelpers.AddQueryString("/runs", pairs), new NavigationOptions { ReplaceHistoryEntry = true });
        if (table is not null) await table.ReloadServerData();
    }

    private static DateTimeOffset? ToUtc(DateTime? date) => date is { } d ? new DateTimeOffset(d.Date, TimeSpan.Zero) : null;

    private async Task StartRunAsync()
    {
        var dialog = await Dialogs.ShowAsync<StartRunDialog>("Start run", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid runId }) Navigation.NavigateTo($"/runs/{runId}");
    }
}
