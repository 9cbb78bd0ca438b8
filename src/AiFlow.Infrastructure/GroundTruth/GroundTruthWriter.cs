using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>The one way a ground-truth version is written, by curation, edits, imports and the re-keying migration alike.</summary>
internal static class GroundTruthWriter
{
    /// <summary>
    /// Adds the next version of the scope's example for this input (creating it if new); the previous current version is
    /// superseded, never deleted. Every caller has validated the expected IR against the step's schema. True when created.
    /// </summary>
    public static async Task<bool> AddVersionAsync(AiFlowDbContext db, GroundTruthScope scope, Guid scopeId, Guid? stepVersionId, string inputJson, string expectedJson,
        GroundTruthProvenance provenance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reference = CanonicalJson.Sha256(inputJson);
        var example = db.GroundTruthExamples.Local.FirstOrDefault(e => e.Scope == scope && e.ScopeId == scopeId && e.Reference == reference)
            ?? await db.GroundTruthExamples.Include(e => e.Versions).FirstOrDefaultAsync(e => e.Scope == scope && e.ScopeId == scopeId && e.Reference == reference, cancellationToken);
        var created = example is null;
        if (example is null)
        {
            example = new GroundTruthExample { Scope = scope, ScopeId = scopeId, Reference = reference, CreatedAt = now };
            db.GroundTruthExamples.Add(example);
        }
        foreach (var current in example.Versions.Where(v => v.SupersededAt is null)) current.SupersededAt = now;
        var number = example.Versions.Count == 0 ? 1 : example.Versions.Max(v => v.Number) + 1;
        var version = new GroundTruthVersion
        {
            GroundTruthExampleId = example.Id, Number = number, InputJson = CanonicalJson.Canonicalize(inputJson), StepVersionId = stepVersionId,
            ExpectedIrJson = CanonicalJson.Canonicalize(expectedJson), Provenance = provenance, CreatedAt = now, SchemaValid = true,
        };
        db.GroundTruthVersions.Add(version);
        example.Versions.Add(version);
        example.CurrentVersionNumber = number;
        return created;
    }
}
