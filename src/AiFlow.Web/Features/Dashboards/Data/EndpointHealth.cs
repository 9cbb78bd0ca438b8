namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>One endpoint's health over a range: calls from ai_request_logs, steps served (and fallbacks) from step_runs.</summary>
public sealed class EndpointHealth
{
    public string Endpoint { get; set; } = "";
    public long Requests { get; set; }
    public long Errors { get; set; }
    public double? P50Ms { get; set; }
    public double? P95Ms { get; set; }
    public double? P99Ms { get; set; }
    public long Tokens { get; set; }
    public decimal SpendUsd { get; set; }
    public long StepsServed { get; set; }
    public long Fallbacks { get; set; }
    public decimal StepCostUsd { get; set; }

    public double? ErrorRate => Requests == 0 ? null : (double)Errors / Requests;
    public double? FallbackRate => StepsServed == 0 ? null : (double)Fallbacks / StepsServed;
}
