namespace AiFlow.Domain.Budgets;

/// <summary>What a budget's spend is counted over: every call, one pipeline's runs, or the runs one API key launched.</summary>
public enum BudgetScope
{
    Global,
    Pipeline,
    ApiKey,
}
