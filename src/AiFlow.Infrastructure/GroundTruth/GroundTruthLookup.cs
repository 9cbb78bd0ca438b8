using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>The expected IR a reference-based metric compares a step's output with.</summary>
public static class GroundTruthLookup
{
    /// <summary>
    /// The current, schema-valid expected IR of this step (examples belong to the step, so a new version is measured
    /// against what reviewers decided for earlier ones) for exactly this step input (<see cref="StepInput"/>); null when none.
    /// </summary>
    public static async Task<string?> ExpectedIrAsync(AiFlowDbContext db, Guid stepDefinitionId, string stepInputJson, CancellationToken cancellationToken)
    {
        if (!CanonicalJson.TryCanonicalize(stepInputJson, out _)) return null;
        var reference = CanonicalJson.Sha256(stepInputJson);
        return await db.GroundTruthExamples.AsNoTracking()
            .Where(e => e.Scope == GroundTruthScope.Step && e.ScopeId == stepDefinitionId && e.Reference == reference && !e.IsRetired)
            .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber && v.SchemaValid == true))
            .Select(v => v.ExpectedIrJson).FirstOrDefaultAsync(cancellationToken);
    }
}
