using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Budgets;

namespace AiFlow.Web.Features.Budgets;

/// <summary>The budgets page's form fields; fields the scope does not use are dropped when it is turned into input.</summary>
public sealed class BudgetForm
{
    public string? Name { get; set; }
    public BudgetScope Scope { get; set; } = BudgetScope.Global;
    public string? Pipeline { get; set; }
    public Guid? ApiKeyId { get; set; }
    public BudgetPeriod Period { get; set; } = BudgetPeriod.Month;
    public decimal? AmountUsd { get; set; }
    public int? SoftLimitPercent { get; set; }

    public BudgetInput ToInput() => new(Name, Scope, Scope == BudgetScope.Pipeline ? Pipeline ?? "" : null,
        Scope == BudgetScope.ApiKey ? ApiKeyId ?? Guid.Empty : null, Period, AmountUsd, SoftLimitPercent);

    public static BudgetForm From(BudgetStatus budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return new BudgetForm
        {
            Name = budget.Name, Scope = budget.Scope, Pipeline = budget.PipelineKey, ApiKeyId = budget.ApiKeyId, Period = budget.Period,
            AmountUsd = budget.AmountUsd, SoftLimitPercent = budget.SoftLimitPercentSet,
        };
    }
}
