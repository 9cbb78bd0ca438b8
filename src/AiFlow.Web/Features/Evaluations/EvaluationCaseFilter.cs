namespace AiFlow.Web.Features.Evaluations;

/// <summary>Which cases to show: a tag, an outcome (<c>wins</c>, <c>losses</c>, <c>ties</c>, <c>errors</c>), and worst delta first.</summary>
public sealed record EvaluationCaseFilter(string? Tag = null, string? Outcome = null, bool WorstFirst = true);
