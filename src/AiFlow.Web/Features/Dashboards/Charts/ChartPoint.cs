namespace AiFlow.Web.Features.Dashboards.Charts;

/// <summary>One bar: its label, value, hover text and where a click drills down to (null: not clickable).</summary>
public sealed record ChartPoint(string Label, double Value, string Tooltip, string? Href);
