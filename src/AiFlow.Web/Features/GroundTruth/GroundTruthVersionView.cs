using AiFlow.Domain.GroundTruth;

namespace AiFlow.Web.Features.GroundTruth;

public sealed record GroundTruthVersionView(int Number, string InputJson, string ExpectedIrJson, GroundTruthProvenance Provenance, DateTimeOffset CreatedAt, DateTimeOffset? SupersededAt,
    bool? SchemaValid = true, string? SchemaProblem = null);
