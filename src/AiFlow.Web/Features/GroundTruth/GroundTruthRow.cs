namespace AiFlow.Web.Features.GroundTruth;

public sealed record GroundTruthRow(Guid Id, Guid ScopeId, string StepKey, string Reference, int CurrentVersion, int Versions, DateTimeOffset CreatedAt, bool IsRetired);
