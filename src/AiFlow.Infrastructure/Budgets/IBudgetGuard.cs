namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// Asked by the gateway before it tries any endpoint: may a call for this step run (null: a call outside a run) be
/// made? Answers the refusal to report, naming the exhausted budget, or null.
/// </summary>
public interface IBudgetGuard
{
    ValueTask<string?> RefusalAsync(Guid? stepRunId, CancellationToken cancellationToken);
}
