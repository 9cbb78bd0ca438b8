namespace AiFlow.Web.Features.GroundTruth;

/// <summary>An example in the browser: whose it is (a step's or a pipeline's), its current version and whether that meets its schema.</summary>
public sealed record GroundTruthRow(Guid Id, Guid ScopeId, string StepKey, string Reference, int CurrentVersion, int Versions, DateTimeOffset CreatedAt, bool IsRetired,
    bool? SchemaValid = true, string? SchemaProblem = null, IReadOnlyList<string>? Tags = null);
