using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// Bound from <c>AiFlow:Budgets</c> and read through <c>IOptionsMonitor</c> at each use, so a change made at run time
/// (the settings page) applies without a restart.
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "AiFlow:Budgets";

    /// <summary>Percent of a budget at which the console warns, for budgets that do not set their own.</summary>
    [Range(1, 100)]
    public int SoftLimitPercent { get; set; } = 80;

    /// <summary>How long the gateway reuses the spend it read for every budget before reading it again (ADR 0036).</summary>
    [Range(0, 600_000)]
    public int SpendCacheMs { get; set; } = 5_000;
}
