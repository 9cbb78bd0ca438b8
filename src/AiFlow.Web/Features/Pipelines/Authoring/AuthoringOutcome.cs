namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>How a change ended; <see cref="GateRefused"/> is an activation the quality gate refused (the report says why).</summary>
public enum AuthoringOutcome { Ok, Invalid, Conflict, NotFound, GateRefused }
