using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Steps;

/// <summary><c>POST /api/steps</c>: a new step's key, name, kind and description.</summary>
public sealed record StepCreateBody(string? Key, string? Name, StepKind? Kind, string? Description);
