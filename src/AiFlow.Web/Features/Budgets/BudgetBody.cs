using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Budgets;

namespace AiFlow.Web.Features.Budgets;

/// <summary>The body of <c>POST /api/budgets</c> and <c>PUT /api/budgets/{id}</c>: the pipeline by key, the API key by id.</summary>
public sealed record BudgetBody(
    string? Name,
    BudgetScope? Scope,
    string? Pipeline,
    Guid? ApiKeyId,
    BudgetPeriod? Period,
    decimal? AmountUsd,
    int? SoftLimitPercent)
{
    public BudgetInput ToInput() => new(Name, Scope, Pipeline, ApiKeyId, Period, AmountUsd, SoftLimitPercent);
}
