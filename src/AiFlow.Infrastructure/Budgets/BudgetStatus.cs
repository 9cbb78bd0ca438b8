using System.Globalization;
using AiFlow.Domain.Budgets;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>A budget with what was spent in its current period, and the limits that spend has reached.</summary>
public sealed record BudgetStatus(
    Guid Id,
    string Name,
    BudgetScope Scope,
    Guid? PipelineDefinitionId,
    string? PipelineKey,
    Guid? ApiKeyId,
    string? ApiKeyName,
    BudgetPeriod Period,
    decimal AmountUsd,
    int? SoftLimitPercentSet,
    int SoftLimitPercent,
    decimal SpentUsd,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd)
{
    /// <summary>Spend as a share of the amount (above 1 once overspent: calls in flight when the limit was reached still book).</summary>
    public double Fraction => AmountUsd <= 0 ? 1 : (double)(SpentUsd / AmountUsd);

    public bool SoftLimitReached => SpentUsd >= AmountUsd * SoftLimitPercent / 100m;

    /// <summary>The hard limit: new gateway calls counted by this budget are refused.</summary>
    public bool Exhausted => SpentUsd >= AmountUsd;

    /// <summary>What the scope reads as in the console: "global", the pipeline's key or the API key's name.</summary>
    public string ScopeLabel => Scope switch
    {
        BudgetScope.Pipeline => "pipeline " + (PipelineKey ?? PipelineDefinitionId.ToString()),
        BudgetScope.ApiKey => "API key " + (ApiKeyName ?? ApiKeyId.ToString()),
        _ => "global",
    };

    /// <summary>"Budget 'x' (month) spent $12.40 of $12.00": the run error and the console's line for the budget.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Budget '{Name}' ({Period.ToString().ToLowerInvariant()}) spent {Money(SpentUsd)} of {Money(AmountUsd)}");

    public static string Money(decimal usd) =>
        "$" + (usd != 0 && Math.Abs(usd) < 0.01m ? usd.ToString("0.######", CultureInfo.InvariantCulture) : usd.ToString("0.00", CultureInfo.InvariantCulture));
}
