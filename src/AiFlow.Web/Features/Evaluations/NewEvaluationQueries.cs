using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>What the New evaluation dialog offers: the steps that have a published version, and for one step its versions and dataset versions.</summary>
public sealed class NewEvaluationQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<List<string>> StepKeysAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StepDefinitions.AsNoTracking()
            .Where(d => db.StepVersions.Any(v => v.StepDefinitionId == d.Id && v.Status == VersionStatus.Published))
            .OrderBy(d => d.Key).Select(d => d.Key).ToListAsync(cancellationToken);
    }

    /// <summary>The step's published versions (newest first), the one the active pipelines use, and its dataset versions (newest first); null for no such step.</summary>
    public async Task<NewEvaluationChoices?> ChoicesAsync(string stepKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definitionId = await db.StepDefinitions.AsNoTracking().Where(d => d.Key == stepKey).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (definitionId is not { } id) return null;
        var versions = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == id && v.Status == VersionStatus.Published)
            .OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).ToListAsync(cancellationToken);
        var active = await EvaluationService.ActiveVersionAsync(db, id, cancellationToken);
        var datasets = await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == GroundTruthScope.Step && d.ScopeId == id).OrderByDescending(d => d.Number)
            .Select(d => new DatasetChoice(d.Number, d.ExampleCount, d.Source, d.CreatedAt)).ToListAsync(cancellationToken);
        return new NewEvaluationChoices([.. versions.Select(v => v.Number)], versions.FirstOrDefault(v => v.Id == active)?.Number, datasets);
    }
}
