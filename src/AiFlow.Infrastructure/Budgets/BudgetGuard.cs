using System.Collections.Concurrent;
using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// The hard limit, checked once per gateway call from a snapshot of every budget's spend that is read again after
/// <see cref="BudgetOptions.SpendCacheMs"/> (or at once after a budget is saved). While no budget is exhausted a call
/// costs no database read; only when a pipeline or key budget is exhausted is the calling run looked up (once per
/// run, from <see cref="BudgetRunScope"/>). The price of the snapshot is a small overshoot: calls made within one
/// cache interval of the limit still go out (ADR 0036).
/// </summary>
public sealed class BudgetGuard(BudgetSpendReader reader, IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<BudgetOptions> options, TimeProvider clock)
    : IBudgetGuard, IDisposable
{
    private const int MaxRememberedRuns = 10_000;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly ConcurrentDictionary<Guid, RunScope> runs = new();
    private Snapshot? snapshot;

    /// <summary>The snapshot last read, without waiting (for metric callbacks, which are synchronous); null before the first read.</summary>
    public IReadOnlyList<BudgetStatus>? Latest => snapshot?.Budgets;

    /// <summary>Budgets as of at most one cache interval ago (and within their current periods).</summary>
    public async Task<IReadOnlyList<BudgetStatus>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(snapshot) is { } current) return current.Budgets;
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(snapshot) is { } other) return other.Budgets;
            var now = clock.GetUtcNow();
            var budgets = await reader.ReadAsync(now, cancellationToken);
            // A snapshot never outlives the period it was read in: a new day, week or month starts from zero.
            var expires = budgets.Count == 0 ? DateTimeOffset.MaxValue : budgets.Min(b => b.PeriodEnd);
            snapshot = new Snapshot(budgets, clock.GetTimestamp(), expires);
            return budgets;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Forgets the snapshot: a budget was created, changed or deleted.</summary>
    public void Invalidate() => snapshot = null;

    public async ValueTask<string?> RefusalAsync(Guid? stepRunId, CancellationToken cancellationToken)
    {
        var exhausted = (await CurrentAsync(cancellationToken)).Where(b => b.Exhausted).ToList();
        if (exhausted.Count == 0) return null;
        if (exhausted.FirstOrDefault(b => b.Scope == BudgetScope.Global) is { } global) return Refusal(global);
        var scope = await ScopeOfAsync(BudgetRunScope.Current, stepRunId, cancellationToken);
        if (scope is null) return null;
        var hit = exhausted.FirstOrDefault(b =>
            (b.Scope == BudgetScope.Pipeline && b.PipelineDefinitionId == scope.PipelineId) ||
            (b.Scope == BudgetScope.ApiKey && scope.ApiKeyId is { } key && b.ApiKeyId == key));
        return hit is null ? null : Refusal(hit);
    }

    private static string Refusal(BudgetStatus budget) =>
        $"{budget.Summary}: its hard limit refuses new model calls until {budget.PeriodEnd:yyyy-MM-dd HH:mm} UTC. Raise the budget or wait for the next period.";

    private Snapshot? Fresh(Snapshot? s)
    {
        if (s is null) return null;
        var ms = options.CurrentValue.SpendCacheMs;
        return clock.GetElapsedTime(s.ReadAt).TotalMilliseconds < ms && clock.GetUtcNow() < s.Expires ? s : null;
    }

    /// <summary>The pipeline and launching key of the calling run: from the engine's scope, else from a committed step run.</summary>
    private async Task<RunScope?> ScopeOfAsync(Guid? runId, Guid? stepRunId, CancellationToken cancellationToken)
    {
        var id = runId ?? stepRunId;
        if (id is not { } key) return null;
        if (runs.TryGetValue(key, out var known)) return known;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scope = runId is { } run
            ? await db.PipelineRuns.AsNoTracking().Where(r => r.Id == run)
                .Select(r => new RunScope(r.PipelineDefinitionId, r.ApiKeyId)).FirstOrDefaultAsync(cancellationToken)
            : await db.StepRuns.AsNoTracking().Where(s => s.Id == key)
                .Select(s => new RunScope(s.PipelineRun!.PipelineDefinitionId, s.PipelineRun.ApiKeyId)).FirstOrDefaultAsync(cancellationToken);
        // Not remembered when not found: the row may not be committed yet.
        if (scope is null) return null;
        if (runs.Count >= MaxRememberedRuns) runs.Clear();
        runs[key] = scope;
        return scope;
    }

    public void Dispose() => refreshing.Dispose();

    private sealed record Snapshot(IReadOnlyList<BudgetStatus> Budgets, long ReadAt, DateTimeOffset Expires);

    private sealed record RunScope(Guid PipelineId, Guid? ApiKeyId);
}
