namespace AiFlow.Web.Features.Runs;

public sealed record MetricDetails(string Key, double Value, double? Target, bool? Passed);
