using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>What the New evaluation dialog offers: the steps and pipelines that have a published version, and for one of them its versions and dataset versions.</summary>
public sealed class NewEvaluationQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>Steps, then pipelines, by key.</summary>
    public async Task<List<EvaluationTargetChoice>> TargetsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.StepDefinitions.AsNoTracking()
            .Where(d => db.StepVersions.Any(v => v.StepDefinitionId == d.Id && v.Status == VersionStatus.Published))
            .OrderBy(d => d.Key).Select(d => d.Key).ToListAsync(cancellationToken);
        var pipelines = await db.PipelineDefinitions.AsNoTracking()
            .Where(d => db.PipelineVersions.Any(v => v.PipelineDefinitionId == d.Id && v.Status == VersionStatus.Published))
            .OrderBy(d => d.Key).Select(d => d.Key).ToListAsync(cancellationToken);
        return [.. steps.Select(k => new EvaluationTargetChoice(EvaluationTargetKind.Step, k)), .. pipelines.Select(k => new EvaluationTargetChoice(EvaluationTargetKind.Pipeline, k))];
    }

    public Task<NewEvaluationChoices?> ChoicesAsync(EvaluationTargetChoice target, CancellationToken cancellationToken) =>
        target.Kind == EvaluationTargetKind.Step ? ChoicesAsync(target.Key, cancellationToken) : PipelineChoicesAsync(target.Key, cancellationToken);

    /// <summary>The pipeline's published versions (newest first), its active one, and its dataset versions (newest first); null for no such pipeline.</summary>
    private async Task<NewEvaluationChoices?> PipelineChoicesAsync(string pipelineKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definitionId = await db.PipelineDefinitions.AsNoTracking().Where(d => d.Key == pipelineKey).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (definitionId is not { } id) return null;
        var versions = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinitionId == id && v.Status == VersionStatus.Published)
            .OrderByDescending(v => v.Number).Select(v => new { v.Number, v.IsActive }).ToListAsync(cancellationToken);
        return new NewEvaluationChoices([.. versions.Select(v => v.Number)], versions.FirstOrDefault(v => v.IsActive)?.Number, await DatasetsAsync(db, GroundTruthScope.Pipeline, id, cancellationToken));
    }

    private static Task<List<DatasetChoice>> DatasetsAsync(AiFlowDbContext db, GroundTruthScope scope, Guid id, CancellationToken cancellationToken) =>
        db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == id).OrderByDescending(d => d.Number)
            .Select(d => new DatasetChoice(d.Number, d.ExampleCount, d.Source, d.CreatedAt)).ToListAsync(cancellationToken);

    /// <summary>The step's published versions (newest first), the one the active pipelines use, and its dataset versions (newest first); null for no such step.</summary>
    public async Task<NewEvaluationChoices?> ChoicesAsync(string stepKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definitionId = await db.StepDefinitions.AsNoTracking().Where(d => d.Key == stepKey).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (definitionId is not { } id) return null;
        var versions = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == id && v.Status == VersionStatus.Published)
            .OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).ToListAsync(cancellationToken);
        var active = await EvaluationService.ActiveVersionAsync(db, id, cancellationToken);
        var datasets = await DatasetsAsync(db, GroundTruthScope.Step, id, cancellationToken);
        return new NewEvaluationChoices([.. versions.Select(v => v.Number)], versions.FirstOrDefault(v => v.Id == active)?.Number, datasets);
    }
}
