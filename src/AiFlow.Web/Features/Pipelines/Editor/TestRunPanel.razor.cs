using System.Security.Claims;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// Runs the draft on a sample input (a <see cref="RunTrigger.TestRun"/> pinned to the draft) and overlays each node's
/// status, IR validity and latency on the canvas as the engine's progress events arrive.
/// </summary>
public sealed partial class TestRunPanel
{
    private readonly CancellationTokenSource life = new();
    private IDisposable? subscription;
    private string input = "{}";
    private string? problem;
    private IReadOnlyList<IrValidationError> problemErrors = [];
    private string? runError;
    private Guid? runId;
    private RunStatus? status;
    private bool busy;
    private bool refreshing;
    private bool refreshQueued;

    [Parameter, EditorRequired] public string PipelineKey { get; set; } = "";

    [Parameter, EditorRequired] public int DraftNumber { get; set; }

    [Parameter, EditorRequired] public DagCanvas? Canvas { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = new();

    /// <summary>The graph's edges, for the running-edge animation.</summary>
    [Parameter] public IReadOnlyList<(string Source, string Target)> Edges { get; set; } = [];

    /// <summary>Saves unsaved edits; false when saving failed (the page shows why).</summary>
    [Parameter, EditorRequired] public Func<Task<bool>> EnsureSavedAsync { get; set; } = () => Task.FromResult(true);

    [Parameter] public bool Disabled { get; set; }

    [Parameter] public EventCallback Closed { get; set; }

    [Inject] private RunLauncher Launcher { get; set; } = default!;

    [Inject] private RunProgressNotifier Notifier { get; set; } = default!;

    [Inject] private TestRunQueries Queries { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        input = await Queries.LastInputAsync(PipelineKey, life.Token) ?? "{}";
    }

    private async Task StartAsync()
    {
        busy = true;
        problem = null;
        problemErrors = [];
        runError = null;
        try
        {
            if (!await EnsureSavedAsync()) return;
            var result = await Launcher.LaunchAsync(PipelineKey, input, RunTrigger.TestRun, User.Identity?.Name, DraftNumber, life.Token);
            if (result.RunId is not { } id)
            {
                problem = result.Message;
                problemErrors = result.Errors;
                return;
            }
            subscription?.Dispose();
            runId = id;
            status = RunStatus.Queued;
            subscription = Notifier.Subscribe(changed => _ = InvokeAsync(RefreshAsync), id);
            await RefreshAsync();
        }
        finally { busy = false; }
    }

    /// <summary>Runs on the circuit's dispatcher, so the flags need no locking; a burst of events costs one extra read.</summary>
    private async Task RefreshAsync()
    {
        if (refreshing)
        {
            refreshQueued = true;
            return;
        }
        refreshing = true;
        try
        {
            do
            {
                refreshQueued = false;
                await LoadStateAsync();
            }
            while (refreshQueued);
        }
        catch (OperationCanceledException) when (life.IsCancellationRequested)
        {
        }
        finally
        {
            refreshing = false;
        }
    }

    private async Task LoadStateAsync()
    {
        if (runId is not { } id || await Queries.StateAsync(id, life.Token) is not { } state) return;
        status = state.Status;
        runError = state.Error;
        if (Canvas is not null)
        {
            var overlay = TestRunOverlay.Build(state.Nodes, Edges);
            await Canvas.OverlayAsync(new { nodes = overlay.Nodes, edges = overlay.Edges, captions = overlay.Captions });
        }
        StateHasChanged();
    }

    private async Task Close()
    {
        subscription?.Dispose();
        subscription = null;
        if (Canvas is not null) await Canvas.OverlayAsync(new { nodes = new Dictionary<string, string>() });
        await Closed.InvokeAsync();
    }

    private static Color StatusColor(RunStatus s) => s switch
    {
        RunStatus.Completed => Color.Success,
        RunStatus.Failed or RunStatus.Cancelled => Color.Error,
        _ => Color.Info,
    };

    public void Dispose()
    {
        subscription?.Dispose();
        life.Cancel();
        life.Dispose();
    }
}
