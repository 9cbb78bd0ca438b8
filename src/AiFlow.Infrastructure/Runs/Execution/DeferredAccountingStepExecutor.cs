using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Inference.Gateway;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Runs an attempt with the gateway's accounting deferred: the rows of its calls come back on the result and commit
/// with the step, so accounting adds no commit per step. An attempt that throws (cancelled, lease lost) has its rows
/// written on their own: a call that was made is always booked.
/// </summary>
public sealed class DeferredAccountingStepExecutor(IStepExecutor inner, IInferenceAccounting accounting, ILogger logger) : IStepExecutor
{
    public async Task<StepExecutionResult> ExecuteAsync(StepAttempt attempt, StepContext context, CancellationToken cancellationToken)
    {
        using var deferred = DeferredAccounting.Begin();
        // Budgets count the run's calls against its pipeline and launching key.
        using var budget = BudgetRunScope.Begin(context.RunId);
        try
        {
            var result = await inner.ExecuteAsync(attempt, context, cancellationToken);
            return result with { RequestLogs = deferred.Rows };
        }
        catch (Exception) when (deferred.Rows.Count > 0)
        {
            WriteBehind(deferred.Rows);
            throw;
        }
    }

    /// <summary>Not awaited: the caller is unwinding, and the rows must not wait for it or hold it up.</summary>
    public void WriteBehind(IReadOnlyList<AiRequestLog> rows) =>
        DeferredAccounting.WriteOnTheirOwnAsync(accounting, rows).ContinueWith(
            t => logger.LogError(t.Exception, "Could not book {Count} request rows of an interrupted step", rows.Count),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
