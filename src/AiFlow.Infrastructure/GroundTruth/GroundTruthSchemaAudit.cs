using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>
/// The one-off check of ground truth written before corrections and curation were validated strictly: each current version
/// not yet checked is validated against its step version's IR schema and marked valid, or invalid with the first problem.
/// Run at start-up after the migrations; once everything is checked it finds nothing to do.
/// </summary>
public sealed class GroundTruthSchemaAudit(IDbContextFactory<AiFlowDbContext> contexts, IrValidationService validation)
{
    /// <returns>How many versions were found failing their schema.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await (from v in db.GroundTruthVersions
                             join e in db.GroundTruthExamples on v.GroundTruthExampleId equals e.Id
                             where v.SchemaValid == null && e.Scope == GroundTruthScope.StepVersion
                             select new { Version = v, Schema = db.StepVersions.Where(s => s.Id == e.ScopeId).Select(s => s.IrSchemaVersionId).FirstOrDefault() })
                            .ToListAsync(cancellationToken);
        var invalid = 0;
        foreach (var row in pending)
        {
            var outcome = await validation.ValidateStrictlyAsync(row.Schema, row.Version.ExpectedIrJson, cancellationToken);
            row.Version.SchemaValid = outcome.IsValid;
            if (outcome.IsValid) continue;
            invalid++;
            var first = outcome.Errors[0];
            row.Version.SchemaProblem = $"{(first.InstanceLocation.Length == 0 ? "/" : first.InstanceLocation)}: {first.Message}"
                + (outcome.Errors.Count > 1 ? $" (and {outcome.Errors.Count - 1} more)" : "");
        }
        await db.SaveChangesAsync(cancellationToken);
        return invalid;
    }
}
