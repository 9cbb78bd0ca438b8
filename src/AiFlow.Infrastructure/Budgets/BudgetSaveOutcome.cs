namespace AiFlow.Infrastructure.Budgets;

public enum BudgetSaveOutcome
{
    Saved,
    /// <summary>A field is wrong (400): named by <see cref="BudgetSaveResult.Pointer"/>.</summary>
    Invalid,
    /// <summary>The scope already has a budget for the period (409).</summary>
    Duplicate,
    NotFound,
}
