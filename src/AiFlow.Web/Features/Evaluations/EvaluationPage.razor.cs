using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>
/// One evaluation: its facts, its live progress while it runs (the row is read again every second, since the executor
/// writes progress there in batches), its aggregates and its server-paged cases.
/// </summary>
public sealed partial class EvaluationPage
{
    [Inject] private EvaluationQueries Queries { get; set; } = default!;
    [Inject] private EvaluationService Service { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The evaluation to show.</summary>
    [Parameter] public Guid Id { get; set; }

    /// <summary>How often the cases are read again while new ones are scored: often enough to watch, not so often the table flickers.</summary>
    private static readonly TimeSpan CasesEvery = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource life = new();
    private EvaluationRun? evaluation;
    private EvaluationCases? cases;
    private DateTimeOffset now;
    private DateTimeOffset casesReadAt;
    private bool loaded;
    private bool cancelling;

    private bool IsLive => evaluation?.Status is EvaluationStatus.Queued or EvaluationStatus.Running;

    private string Target => evaluation is null ? "" : $"{evaluation.TargetKind.ToString().ToLowerInvariant()} {evaluation.TargetKey} v{evaluation.TargetVersion}";

    private string ExportAddress(string format) => $"/api/evaluations/{Id}/export?format={format}";

    protected override async Task OnInitializedAsync()
    {
        now = casesReadAt = Clock.GetUtcNow();
        evaluation = await Queries.FindAsync(Id, life.Token);
        loaded = true;
        if (IsLive) _ = FollowAsync();
    }

    /// <summary>
    /// Reads the evaluation every second until it ends, and the cases every few seconds while more are scored; once it
    /// ends the cases are read again, since only then do they have their deltas.
    /// </summary>
    private async Task FollowAsync()
    {
        var token = life.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (IsLive && await timer.WaitForNextTickAsync(token))
            {
                var latest = await Queries.FindAsync(Id, token);
                await InvokeAsync(async () =>
                {
                    now = Clock.GetUtcNow();
                    var scored = latest is not null && latest.CasesDone != evaluation?.CasesDone;
                    evaluation = latest ?? evaluation;
                    if (cases is not null && (!IsLive || (scored && now - casesReadAt >= CasesEvery)))
                    {
                        casesReadAt = now;
                        await cases.ReloadAsync();
                    }
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private async Task CancelAsync()
    {
        cancelling = true;
        try
        {
            var cancelled = await Service.CancelAsync(Id, life.Token);
            Snackbar.Add(cancelled ? "Cancelling: the cases scored so far stay." : "The evaluation has already ended.", cancelled ? Severity.Success : Severity.Warning);
            evaluation = await Queries.FindAsync(Id, life.Token) ?? evaluation;
        }
        finally
        {
            cancelling = false;
        }
    }

    public void Dispose()
    {
        life.Cancel();
        life.Dispose();
    }
}
