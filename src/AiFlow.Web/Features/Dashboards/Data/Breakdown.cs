namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>Tokens, cost and step counts for one model, endpoint or pipeline over the range.</summary>
public sealed class Breakdown
{
    public string Key { get; set; } = "";
    public Guid? Id { get; set; }
    public long Steps { get; set; }
    public long FailedSteps { get; set; }
    public long Tokens { get; set; }
    public decimal CostUsd { get; set; }
}
