namespace AiFlow.Web.Features.Pipelines;

/// <summary><c>POST /api/pipelines/{key}/versions/{n}/activate</c>, optional: <c>{"override": {"reason": "..."}}</c> past a refusing gate.</summary>
public sealed record ActivationBody(ActivationOverrideBody? Override);
