namespace AiFlow.Web.Features.Pipelines;

/// <summary>Why a version is activated although the quality gate refuses it.</summary>
public sealed record ActivationOverrideBody(string? Reason);
