using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>The expected IR a reference-based metric compares a step's output with.</summary>
public static class GroundTruthLookup
{
    /// <summary>
    /// The newest current, schema-valid expected IR for this step (any version of its definition, so a new version is
    /// measured against what reviewers decided for earlier ones) and this exact input; null when there is none.
    /// </summary>
    public static async Task<string?> ExpectedIrAsync(AiFlowDbContext db, Guid stepVersionId, string inputJson, CancellationToken cancellationToken)
    {
        if (!CanonicalJson.TryCanonicalize(inputJson, out _)) return null;
        var reference = CanonicalJson.Sha256(inputJson);
        var definition = db.StepVersions.Where(v => v.Id == stepVersionId).Select(v => v.StepDefinitionId);
        var versions = db.StepVersions.Where(v => definition.Contains(v.StepDefinitionId)).Select(v => v.Id);
        return await db.GroundTruthExamples.AsNoTracking()
            .Where(e => e.Scope == GroundTruthScope.StepVersion && versions.Contains(e.ScopeId) && e.Reference == reference && !e.IsRetired)
            .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber && v.SchemaValid == true))
            .OrderByDescending(v => v.CreatedAt).Select(v => v.ExpectedIrJson).FirstOrDefaultAsync(cancellationToken);
    }
}
