using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Budgets;

namespace AiFlow.Web.Features.Budgets;

/// <summary>A budget and its spend in the current period, as <c>/api/budgets</c> answers it.</summary>
public sealed record BudgetResponse(
    Guid Id,
    string Name,
    BudgetScope Scope,
    string? Pipeline,
    Guid? ApiKeyId,
    string? ApiKeyName,
    BudgetPeriod Period,
    decimal AmountUsd,
    int SoftLimitPercent,
    bool SoftLimitPercentIsDefault,
    decimal SpentUsd,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    bool SoftLimitReached,
    bool Exhausted)
{
    public static BudgetResponse From(BudgetStatus b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.Name, b.Scope, b.PipelineKey, b.ApiKeyId, b.ApiKeyName, b.Period, b.AmountUsd, b.SoftLimitPercent,
            b.SoftLimitPercentSet is null, b.SpentUsd, b.PeriodStart, b.PeriodEnd, b.SoftLimitReached, b.Exhausted);
    }
}
