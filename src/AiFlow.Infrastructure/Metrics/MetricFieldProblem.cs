namespace AiFlow.Infrastructure.Metrics;

/// <summary>One reason a metric or profile was refused, at the JSON pointer of the field it is about, e.g. <c>/targets/2/weight</c>.</summary>
public sealed record MetricFieldProblem(string Field, string Message);
