using AiFlow.Domain.Access;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Timeline;
using AiFlow.Infrastructure.Privacy;
using AiFlow.Infrastructure.Retrieval.Gold;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Features.Runs.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>
/// One run, live: subscribes to run progress (LISTEN/NOTIFY fan-out) and reloads the light header and step list on each
/// change, so the timeline moves without a page reload. Actions re-check the user's role on the server.
/// </summary>
public sealed partial class RunView : IDisposable
{
    [Inject] private RunViewQueries Queries { get; set; } = default!;
    [Inject] private RunListQueries Pipelines { get; set; } = default!;
    [Inject] private RunProgressNotifier Notifier { get; set; } = default!;
    [Inject] private RunOperations Operations { get; set; } = default!;
    [Inject] private RunLauncher Launcher { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private OriginalReveal Originals { get; set; } = default!;
    [Inject] private GoldRetrievalService Gold { get; set; } = default!;

    [Parameter, EditorRequired] public Guid RunId { get; set; }

    private readonly CancellationTokenSource life = new();
    private readonly SemaphoreSlim reloading = new(1, 1);
    private IDisposable? subscription;
    private Guid? shownRunId;
    private RunHeader? header;
    private List<StepSummary> steps = [];
    private List<TimelineItem> timelineItems = [];
    private Dictionary<string, StepRunStatus> latestByNode = [];
    private StepInspection? selected;
    private (string Node, int Attempt)? followRetry;
    private List<VersionOption> versions = [];
    private int? replayVersion;
    private bool canOperate;
    private bool canReveal;
    private bool canLabel;
    private bool notFound;
    private bool reloadQueued;
    private DateTimeOffset now;

    // Attempt 0 is a verdict (the node never ran because something upstream failed): the upstream node is what to retry.
    private bool CanRetrySelected => selected is { Status: StepRunStatus.Failed, Attempt: > 0 } s && header is { Status: RunStatus.Failed or RunStatus.Completed }
        && steps.Where(x => x.NodeKey == s.NodeKey).MaxBy(x => x.Attempt)?.Id == s.Id;

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        canOperate = RunAccess.CanOperate(user);
        canReveal = user.IsInRole(Roles.Admin);
        canLabel = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Reviewer);
        _ = TickAsync();
    }

    /// <summary>
    /// Loads the run the address names, and again when it names another: Replay (and back and forward) moves from one
    /// run to the next on this same component, which kept showing the first run under the new address.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        if (shownRunId == RunId) return;
        shownRunId = RunId;
        subscription?.Dispose();
        subscription = Notifier.Subscribe(changed => _ = InvokeAsync(QueueReloadAsync), RunId);
        (selected, versions) = (null, []);
        await ReloadAsync();
        if (header is not null)
        {
            versions = [.. (await Pipelines.PipelinesAsync(life.Token)).FirstOrDefault(p => p.Key == header.PipelineKey)?.Versions.Where(v => !v.IsDraft) ?? []];
        }
    }

    private async Task QueueReloadAsync()
    {
        // Progress can arrive in bursts: coalesce to at most one reload waiting behind the running one.
        if (reloadQueued) return;
        reloadQueued = true;
        await reloading.WaitAsync(life.Token);
        try
        {
            reloadQueued = false;
            await ReloadAsync();
            StateHasChanged();
        }
        finally
        {
            reloading.Release();
        }
    }

    private async Task ReloadAsync()
    {
        now = Clock.GetUtcNow();
        header = await Queries.HeaderAsync(RunId, life.Token);
        notFound = header is null;
        if (header is null) return;
        steps = await Queries.StepsAsync(RunId, life.Token);
        timelineItems = [.. steps.Select(RunTimeline.ToItem).OfType<TimelineItem>()];
        latestByNode = steps.GroupBy(s => s.NodeKey).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Attempt)!.Status, StringComparer.Ordinal);
        if (followRetry is { } retried && steps.Where(s => s.NodeKey == retried.Node).MaxBy(s => s.Attempt) is { } newest && newest.Attempt > retried.Attempt)
        {
            // The retried attempt is history now: the inspector moves to the new one, which the operator came to watch,
            // and keeps following the node until the operator picks another step.
            selected = await Queries.StepAsync(RunId, newest.Id, life.Token);
        }
        else if (selected is not null)
        {
            selected = await Queries.StepAsync(RunId, selected.Id, life.Token);
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(life.Token))
            {
                if (header is not { IsLive: true }) continue;
                await InvokeAsync(() =>
                {
                    now = Clock.GetUtcNow();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private async Task SelectStepAsync(Guid stepRunId)
    {
        followRetry = null;
        selected = await Queries.StepAsync(RunId, stepRunId, life.Token);
    }

    private async Task SelectNodeAsync(string nodeKey)
    {
        if (steps.Where(s => s.NodeKey == nodeKey).MaxBy(s => s.Attempt) is { } latest) await SelectStepAsync(latest.Id);
    }

    private async Task<string?> RevealAsync(Guid recordId)
    {
        // Checked again here, not only by hiding the button: the original is personal data.
        if (!(await Auth.GetAuthenticationStateAsync()).User.IsInRole(Roles.Admin))
        {
            Snackbar.Add("Only an Admin may read a redacted original.", Severity.Error);
            return null;
        }
        var original = await Originals.RevealAsync(recordId, life.Token);
        if (original is null) Snackbar.Add("The original of this field was not kept.", Severity.Warning);
        return original;
    }

    /// <summary>A reviewer's judgement of a retrieved chunk of the selected attempt; the role is checked again by the service.</summary>
    private async Task LabelChunkAsync((string ChunkId, bool Relevant) label)
    {
        if (selected is null) return;
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        if (!(user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Reviewer)))
        {
            Snackbar.Add("Only a Reviewer or an Admin may judge retrieved chunks.", Severity.Error);
            return;
        }
        var result = await Gold.LabelStepRunAsync(RunId, selected.Id, label.ChunkId, label.Relevant, user, life.Token);
        if (!result.Saved) Snackbar.Add(result.Message, Severity.Error);
        selected = await Queries.StepAsync(RunId, selected.Id, life.Token);
    }

    private async Task<string?> OperatorAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        if (RunAccess.CanOperate(user)) return user.Identity?.Name ?? "";
        Snackbar.Add("Only Ops and Admin may act on runs.", Severity.Error);
        return null;
    }

    private async Task CancelAsync()
    {
        if (await OperatorAsync() is null) return;
        var cancelled = await Operations.CancelAsync(RunId, life.Token);
        Snackbar.Add(cancelled ? "Run cancelled." : "The run is no longer running.", cancelled ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private async Task RetryAsync()
    {
        // The node is read before the awaits: a progress reload meanwhile may replace or clear the selection.
        if (selected is not { NodeKey: var node, Attempt: var attempt }) return;
        if (await OperatorAsync() is null) return;
        var problem = (await Operations.RetryStepAsync(RunId, node, life.Token)).Problem;
        Snackbar.Add(problem ?? $"Retrying {node}.", problem is null ? Severity.Success : Severity.Warning);
        if (problem is null) followRetry = (node, attempt);
        // Queued behind any reload already running: the retry's own progress note starts one, which would otherwise finish
        // last and put back the attempt it read before the retry.
        await QueueReloadAsync();
    }

    private async Task ReplayAsync()
    {
        if (await OperatorAsync() is not { } user || header is null) return;
        var result = await Launcher.LaunchAsync(header.PipelineKey, header.InputJson, RunTrigger.Replay, user, replayVersion, life.Token);
        if (result.RunId is { } id)
        {
            Navigation.NavigateTo($"/runs/{id}");
            return;
        }
        Snackbar.Add(result.Message ?? "The replay could not start.", Severity.Error);
    }

    public void Dispose()
    {
        subscription?.Dispose();
        life.Cancel();
        life.Dispose();
    }
}
