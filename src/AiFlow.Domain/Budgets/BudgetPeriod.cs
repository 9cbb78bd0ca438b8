namespace AiFlow.Domain.Budgets;

/// <summary>The calendar period a budget resets on, in UTC (see <see cref="BudgetPeriods"/>).</summary>
public enum BudgetPeriod
{
    Day,
    Week,
    Month,
}
