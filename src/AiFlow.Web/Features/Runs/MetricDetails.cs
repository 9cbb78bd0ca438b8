namespace AiFlow.Web.Features.Runs;

/// <summary>A step's metric as the API and the inspector show it; no value means not applicable, for the reason given.</summary>
public sealed record MetricDetails(string Key, double? Value, double? Target, bool? Passed, string? NotApplicable = null);
