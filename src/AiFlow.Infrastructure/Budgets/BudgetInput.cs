using AiFlow.Domain.Budgets;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>A budget as an Admin states it: the pipeline by key, the API key by id; the scope and period must be given.</summary>
public sealed record BudgetInput(
    string? Name,
    BudgetScope? Scope,
    string? Pipeline,
    Guid? ApiKeyId,
    BudgetPeriod? Period,
    decimal? AmountUsd,
    int? SoftLimitPercent);
