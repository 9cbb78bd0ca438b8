namespace AiFlow.Infrastructure.Budgets;

/// <summary>What saving a budget did; anything but <see cref="BudgetSaveOutcome.Saved"/> saved nothing.</summary>
public sealed record BudgetSaveResult(BudgetSaveOutcome Outcome, Guid? Id, string? Pointer, string? Problem)
{
    public static BudgetSaveResult Saved(Guid id) => new(BudgetSaveOutcome.Saved, id, null, null);

    public static BudgetSaveResult Invalid(string pointer, string problem) => new(BudgetSaveOutcome.Invalid, null, pointer, problem);
}
