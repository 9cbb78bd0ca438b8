using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>
/// The one-off start-up work on ground truth written by earlier releases, run after the migrations; once done it finds
/// nothing to do:
/// <list type="number">
/// <item>examples keyed by step version move to their step, keyed by the step input rebuilt from the run they came from
/// (the pipeline input alone where the run is gone); examples that meet on one input become one, versions kept in order;</item>
/// <item>each current version not yet checked is validated against its step version's IR schema and marked valid, or
/// invalid with its first problem.</item>
/// </list>
/// </summary>
public sealed class GroundTruthSchemaAudit(IDbContextFactory<AiFlowDbContext> contexts, IrValidationService validation)
{
    /// <returns>How many versions were found failing their schema.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await RekeyAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await (from v in db.GroundTruthVersions
                             join e in db.GroundTruthExamples on v.GroundTruthExampleId equals e.Id
                             where v.SchemaValid == null && e.Scope == GroundTruthScope.Step
                             select new
                             {
                                 Version = v,
                                 Schema = v.StepVersionId != null
                                     ? db.StepVersions.Where(s => s.Id == v.StepVersionId).Select(s => s.IrSchemaVersionId).FirstOrDefault()
                                     : db.StepVersions.Where(s => s.StepDefinitionId == e.ScopeId).OrderByDescending(s => s.Number).Select(s => s.IrSchemaVersionId).FirstOrDefault(),
                             })
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

    private async Task RekeyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var legacy = await db.GroundTruthExamples.Include(e => e.Versions).Where(e => e.Scope == GroundTruthScope.StepVersion).ToListAsync(cancellationToken);
        if (legacy.Count == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var example in legacy.OrderBy(e => e.CreatedAt))
        {
            var definition = await db.StepVersions.Where(v => v.Id == example.ScopeId).Select(v => (Guid?)v.StepDefinitionId).FirstOrDefaultAsync(cancellationToken);
            if (definition is null) continue;
            var newest = example.Versions.OrderByDescending(v => v.Number).First();
            var stepInput = await StepInputOfAsync(db, newest, cancellationToken);
            var reference = CanonicalJson.Sha256(stepInput);
            var target = db.GroundTruthExamples.Local.FirstOrDefault(e => e.Scope == GroundTruthScope.Step && e.ScopeId == definition && e.Reference == reference)
                ?? await db.GroundTruthExamples.Include(e => e.Versions).FirstOrDefaultAsync(e => e.Scope == GroundTruthScope.Step && e.ScopeId == definition && e.Reference == reference, cancellationToken);
            foreach (var version in example.Versions)
            {
                version.StepVersionId ??= example.ScopeId;
                version.InputJson = CanonicalJson.Canonicalize(stepInput);
            }
            if (target is null)
            {
                (example.Scope, example.ScopeId, example.Reference) = (GroundTruthScope.Step, definition.Value, reference);
            }
            else
            {
                // Two step versions' examples for one input become one example: the versions keep their ids, in time order.
                foreach (var version in example.Versions.OrderBy(v => v.CreatedAt).ToList())
                {
                    example.Versions.Remove(version);
                    version.GroundTruthExampleId = target.Id;
                    version.Number = target.Versions.Max(v => v.Number) + 1;
                    target.Versions.Add(version);
                }
                var current = target.Versions.MaxBy(v => v.CreatedAt)!;
                foreach (var version in target.Versions) version.SupersededAt = version == current ? null : version.SupersededAt ?? current.CreatedAt;
                target.CurrentVersionNumber = current.Number;
                db.GroundTruthExamples.Remove(example);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string> StepInputOfAsync(AiFlowDbContext db, GroundTruthVersion version, CancellationToken cancellationToken)
    {
        var step = version.Provenance.StepRunId is { } id ? await db.StepRuns.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        var read = step is null ? null : await StepInputReader.ReadAsync(db, step, cancellationToken);
        return read?.StepInputJson ?? StepInput.Compose(JsonNode.Parse(version.InputJson), []).ToJsonString();
    }
}
