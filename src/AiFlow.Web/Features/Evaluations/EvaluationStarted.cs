namespace AiFlow.Web.Features.Evaluations;

/// <summary>The answer to an evaluation request: its id (also in the Location header); progress is at <c>GET /api/evaluations/{id}</c>.</summary>
public sealed record EvaluationStarted(Guid EvaluationId);
