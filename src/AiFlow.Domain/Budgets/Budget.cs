using AiFlow.Domain.Common;

namespace AiFlow.Domain.Budgets;

/// <summary>
/// A USD budget over a UTC period for one scope (seed 004, LiteLLM's anchor). Spend is what the gateway booked in
/// <c>ai_request_logs</c>; past the soft limit the console warns, at the amount new gateway calls are refused.
/// </summary>
public class Budget : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public BudgetScope Scope { get; set; }
    /// <summary>Set when <see cref="Scope"/> is <see cref="BudgetScope.Pipeline"/>.</summary>
    public Guid? PipelineDefinitionId { get; set; }
    /// <summary>Set when <see cref="Scope"/> is <see cref="BudgetScope.ApiKey"/>.</summary>
    public Guid? ApiKeyId { get; set; }
    public BudgetPeriod Period { get; set; }
    public decimal AmountUsd { get; set; }
    /// <summary>Percent of the amount at which the console warns; null takes the deployment's default.</summary>
    public int? SoftLimitPercent { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
