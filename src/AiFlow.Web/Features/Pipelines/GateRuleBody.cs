namespace AiFlow.Web.Features.Pipelines;

/// <summary>One gate rule: a metric, how far it may regress (absolute or relative) and an optional floor.</summary>
public sealed record GateRuleBody(string? Metric, double? MaxRegression, bool? Relative, double? Floor);
