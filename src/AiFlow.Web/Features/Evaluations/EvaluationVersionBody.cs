namespace AiFlow.Web.Features.Evaluations;

/// <summary><c>{"version": n}</c>: a dataset or baseline version by number.</summary>
public sealed record EvaluationVersionBody(int? Version);
