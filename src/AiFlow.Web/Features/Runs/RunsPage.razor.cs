using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Web.Features.Runs.List;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using MudBlazor;

namespace AiFlow.Web.Features.Runs;

/// <summary>
/// The server-paged, sorted and filtered run list; the filter lives in the query string (drill-down, sharing, reload).
/// It is live: run progress (the LISTEN/NOTIFY fan-out the run page uses, which also announces new runs) reloads the
/// current page with the current filters and sort, and open runs' durations tick.
/// </summary>
public sealed partial class RunsPage : IDisposable
{
    /// <summary>At most one reload per this interval, however many runs report progress.</summary>
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromSeconds(1);

    [Inject] private RunListQueries Queries { get; set; } = default!;
    [Inject] private RunProgressNotifier Notifier { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly CancellationTokenSource life = new();
    private MudTable<RunListRow>? table;
    private IDisposable? subscription;
    private List<PipelineOption> pipelines = [];
    private RunFilter filter = new();
    private RunTotals totals = RunTotals.None;
    private IReadOnlyList<RunListRow> shown = [];
    private string? fromText;
    private string? toText;
    private bool fromError;
    private bool toError;
    private int changed;
    private DateTimeOffset now;

    private IReadOnlyList<VersionOption> VersionsOfSelected => pipelines.FirstOrDefault(p => p.Id == filter.PipelineId)?.Versions ?? [];

    protected override async Task OnInitializedAsync()
    {
        now = Clock.GetUtcNow();
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        filter = RunFilter.FromQuery(k => query.TryGetValue(k, out var v) ? v : default);
        fromText = FilterTime.Format(filter.From);
        toText = FilterTime.Format(filter.To);
        pipelines = await Queries.PipelinesAsync(CancellationToken.None);
        subscription = Notifier.Subscribe(_ => Interlocked.Exchange(ref changed, 1));
        _ = WatchAsync();
    }

    private async Task<TableData<RunListRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = Enum.TryParse<RunSort>(state.SortLabel, out var s) ? s : RunSort.Created;
        var descending = state.SortDirection != SortDirection.Ascending;
        var page = await Queries.PageAsync(filter, sort, descending, state.Page, state.PageSize, cancellationToken);
        shown = page.Items;
        now = Clock.GetUtcNow();
        if (totals != page.Totals)
        {
            totals = page.Totals;
            // ServerData re-renders only the table; the totals above it belong to the page.
            _ = InvokeAsync(StateHasChanged);
        }
        return new TableData<RunListRow> { Items = page.Items, TotalItems = page.Totals.Runs };
    }

    /// <summary>
    /// Once a second: reloads the page if any run changed since (a burst of progress is one reload; which runs match the
    /// filter only the database knows), otherwise moves the clock of open runs shown.
    /// </summary>
    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(ReloadEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(life.Token))
            {
                if (Interlocked.Exchange(ref changed, 0) == 1)
                {
                    await InvokeAsync(async () =>
                    {
                        if (table is not null) await table.ReloadServerData();
                    });
                }
                else if (shown.Any(r => r.Status is RunStatus.Running or RunStatus.Queued or RunStatus.WaitingForReview))
                {
                    await InvokeAsync(() =>
                    {
                        now = Clock.GetUtcNow();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private Task OnPipelineChanged(Guid? value) => SetAsync(() =>
    {
        filter.PipelineId = value;
        filter.PipelineVersionId = null;
    });

    /// <summary>A time filter applies once it reads as a date-time; until then the field says what it expects.</summary>
    private async Task SetTimeAsync(string? text, bool from)
    {
        var valid = FilterTime.TryParse(text, out var at);
        if (from) (fromText, fromError) = (text, !valid);
        else (toText, toError) = (text, !valid);
        if (!valid) return;
        await SetAsync(() =>
        {
            if (from) filter.From = at;
            else filter.To = at;
        });
    }

    /// <summary>Applies a filter change, writes the filter to the address (so it can be shared, reloaded and gone back to) and reloads.</summary>
    private async Task SetAsync(Action change)
    {
        change();
        var pairs = filter.ToQuery().Where(p => p.Value is not null);
        Navigation.NavigateTo(QueryHelpers.AddQueryString("/runs", pairs), new NavigationOptions { ReplaceHistoryEntry = true });
        if (table is not null) await table.ReloadServerData();
    }

    private async Task CopyIdAsync(Guid id)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", id.ToString());
            Snackbar.Add($"Copied run id {id}.", Severity.Info);
        }
        catch (JSException)
        {
            // Browsers allow the clipboard only on HTTPS or localhost: show the id to copy by hand instead.
            Snackbar.Add($"Run id: {id}", Severity.Normal);
        }
    }

    private async Task StartRunAsync()
    {
        var dialog = await Dialogs.ShowAsync<StartRunDialog>("Start run", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid runId }) Navigation.NavigateTo($"/runs/{runId}");
    }

    public void Dispose()
    {
        subscription?.Dispose();
        life.Cancel();
        life.Dispose();
    }
}
