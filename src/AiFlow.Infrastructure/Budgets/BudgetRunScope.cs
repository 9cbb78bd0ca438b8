namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// The run whose step is calling the gateway, flowing as an async-local from the engine to <see cref="BudgetGuard"/>:
/// the engine starts an attempt before its step row is committed (ADR 0013), so the guard cannot find the run from the
/// step run id, but the run itself was committed when it was launched.
/// </summary>
public sealed class BudgetRunScope : IDisposable
{
    private static readonly AsyncLocal<BudgetRunScope?> CurrentValue = new();
    private readonly BudgetRunScope? previous;

    private BudgetRunScope(Guid runId, BudgetRunScope? previous) => (RunId, this.previous) = (runId, previous);

    public Guid RunId { get; }

    internal static Guid? Current => CurrentValue.Value?.RunId;

    /// <summary>Marks the calls made on this async flow, until disposed, as calls of run <paramref name="runId"/>.</summary>
    public static BudgetRunScope Begin(Guid runId) => CurrentValue.Value = new BudgetRunScope(runId, CurrentValue.Value);

    public void Dispose() => CurrentValue.Value = previous;
}
