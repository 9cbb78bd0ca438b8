namespace AiFlow.Infrastructure.Runs.Execution;

public sealed record MetricValue(string Key, double Value, double? Target, bool? Passed);
