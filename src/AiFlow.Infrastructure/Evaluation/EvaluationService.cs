using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Quartz;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>Starts evaluations (the row and its Quartz job in one commit), cancels them, and finds a step's baseline.</summary>
public sealed class EvaluationService(IDbContextFactory<AiFlowDbContext> contexts, ISchedulerFactory schedulers, TimeProvider clock)
{
    public async Task<EvaluationStart> StartAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind == EvaluationTargetKind.Pipeline) return await StartPipelineAsync(request, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.StepDefinitions.AsNoTracking().Where(d => d.Key == request.Key).Select(d => new { d.Id, d.Key }).FirstOrDefaultAsync(cancellationToken);
        if (definition is null) return EvaluationStart.Missing($"There is no step '{request.Key}'.", "/target/step");
        var versions = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == definition.Id)
            .Select(v => new { v.Id, v.Number, v.Status }).ToListAsync(cancellationToken);
        var candidate = versions.FirstOrDefault(v => v.Number == request.Version);
        if (candidate is null) return EvaluationStart.Missing($"Step '{request.Key}' has no version {request.Version}.", "/target/version");
        if (candidate.Status != VersionStatus.Published)
        {
            return EvaluationStart.Refused($"Step '{request.Key}' v{request.Version} is a {candidate.Status.ToString().ToLowerInvariant()}: publish it before evaluating it.", "/target/version");
        }

        var (dataset, cases, refused) = await DatasetAsync(db, GroundTruthScope.Step, definition.Id, "step", request, cancellationToken);
        if (refused is not null) return refused;

        Guid? baselineId;
        int? baselineNumber;
        if (request.BaselineVersion is { } wanted)
        {
            var chosen = versions.FirstOrDefault(v => v.Number == wanted);
            if (chosen is null) return EvaluationStart.Missing($"Step '{request.Key}' has no version {wanted} to compare with.", "/baseline/version");
            (baselineId, baselineNumber) = (chosen.Id, chosen.Number);
        }
        else
        {
            baselineId = await ActiveVersionAsync(db, definition.Id, cancellationToken);
            baselineNumber = versions.FirstOrDefault(v => v.Id == baselineId)?.Number;
        }
        // Compared with itself, a version would only double the calls: it is then measured on its own.
        if (baselineId == candidate.Id) (baselineId, baselineNumber) = (null, null);

        var evaluation = new EvaluationRun
        {
            TargetKind = EvaluationTargetKind.Step, TargetKey = definition.Key, StepVersionId = candidate.Id, TargetVersion = candidate.Number,
            BaselineVersionId = baselineId, BaselineVersion = baselineNumber, DatasetVersionId = dataset!.Id, DatasetNumber = dataset.Number,
        };
        return await QueueAsync(db, evaluation, request, cases, cancellationToken);
    }

    /// <summary>A pipeline version end to end on the pipeline's examples, against the active version (or the one asked for).</summary>
    private async Task<EvaluationStart> StartPipelineAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.PipelineDefinitions.AsNoTracking().Where(d => d.Key == request.Key).Select(d => new { d.Id, d.Key }).FirstOrDefaultAsync(cancellationToken);
        if (definition is null) return EvaluationStart.Missing($"There is no pipeline '{request.Key}'.", "/target/pipeline");
        var versions = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinitionId == definition.Id)
            .Select(v => new { v.Id, v.Number, v.Status, v.IsActive }).ToListAsync(cancellationToken);
        var candidate = versions.FirstOrDefault(v => v.Number == request.Version);
        if (candidate is null) return EvaluationStart.Missing($"Pipeline '{request.Key}' has no version {request.Version}.", "/target/version");
        if (candidate.Status != VersionStatus.Published)
        {
            return EvaluationStart.Refused($"Pipeline '{request.Key}' v{request.Version} is a {candidate.Status.ToString().ToLowerInvariant()}: publish it before evaluating it.", "/target/version");
        }
        var (dataset, cases, refused) = await DatasetAsync(db, GroundTruthScope.Pipeline, definition.Id, "pipeline", request, cancellationToken);
        if (refused is not null) return refused;
        var baseline = request.BaselineVersion is { } wanted ? versions.FirstOrDefault(v => v.Number == wanted) : versions.FirstOrDefault(v => v.IsActive);
        if (request.BaselineVersion is { } missing && baseline is null) return EvaluationStart.Missing($"Pipeline '{request.Key}' has no version {missing} to compare with.", "/baseline/version");
        // Compared with itself, a version would only double the calls: it is then measured on its own.
        if (baseline?.Id == candidate.Id) baseline = null;
        var evaluation = new EvaluationRun
        {
            TargetKind = EvaluationTargetKind.Pipeline, TargetKey = definition.Key, PipelineVersionId = candidate.Id, TargetVersion = candidate.Number,
            BaselineVersionId = baseline?.Id, BaselineVersion = baseline?.Number, DatasetVersionId = dataset!.Id, DatasetNumber = dataset.Number,
        };
        return await QueueAsync(db, evaluation, request, cases, cancellationToken);
    }

    /// <summary>The pinned (or newest) dataset version of the scope and its number of cases with the request's tag, or why there is none.</summary>
    private static async Task<(DatasetVersion? Dataset, int Cases, EvaluationStart? Refused)> DatasetAsync(AiFlowDbContext db, GroundTruthScope scope, Guid scopeId,
        string kind, EvaluationRequest request, CancellationToken cancellationToken)
    {
        var of = $"{kind} '{request.Key}'";
        var owner = char.ToUpperInvariant(of[0]) + of[1..];
        var versions = db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == scopeId);
        var dataset = request.DatasetVersion is { } n
            ? await versions.FirstOrDefaultAsync(d => d.Number == n, cancellationToken)
            : await versions.OrderByDescending(d => d.Number).FirstOrDefaultAsync(cancellationToken);
        // A pinned version that does not exist is a missing resource (404), as an unknown target or baseline version is; no
        // dataset at all is a state of the target to fix first (400).
        if (dataset is null && request.DatasetVersion is { } number)
        {
            return (null, 0, EvaluationStart.Missing($"{owner} has no dataset version {number}.", "/dataset/version"));
        }
        if (dataset is null)
        {
            return (null, 0, EvaluationStart.Refused(
                $"{owner} has no dataset yet: reviewed decisions become one when curated, or import ground truth and take a snapshot.", "/dataset/version"));
        }
        var cases = await db.DatasetVersionItems.AsNoTracking().Where(i => i.DatasetVersionId == dataset.Id)
            .CountAsync(i => request.Tag == null || db.GroundTruthExamples.Any(e => e.Id == i.GroundTruthExampleId && e.Tags.Contains(request.Tag)), cancellationToken);
        if (cases > 0) return (dataset, cases, null);
        return (dataset, 0, EvaluationStart.Refused(request.Tag is null
            ? $"Dataset version {dataset.Number} of {of} is empty."
            : $"No case of dataset version {dataset.Number} of {of} is tagged '{request.Tag}'.", request.Tag is null ? "/dataset/version" : "/tag"));
    }

    /// <summary>Writes the evaluation and its Quartz job in one commit.</summary>
    private async Task<EvaluationStart> QueueAsync(AiFlowDbContext db, EvaluationRun evaluation, EvaluationRequest request, int cases, CancellationToken cancellationToken)
    {
        evaluation.Tag = string.IsNullOrWhiteSpace(request.Tag) ? null : request.Tag;
        evaluation.Status = EvaluationStatus.Queued;
        evaluation.CasesTotal = cases;
        evaluation.CreatedAt = clock.GetUtcNow();
        evaluation.RequestedBy = request.RequestedBy;
        evaluation.ScheduledFor = request.ScheduledFor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EvaluationRuns.Add(evaluation);
        await db.SaveChangesAsync(cancellationToken);
        await ScheduleAndCommitAsync(evaluation.Id, transaction, cancellationToken);
        return new EvaluationStart(evaluation.Id);
    }

    /// <summary>Asks a queued or running evaluation to stop; what it scored stays. False when there is no such evaluation or it has ended.</summary>
    public async Task<bool> CancelAsync(Guid evaluationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.EvaluationRuns.Where(e => e.Id == evaluationId && (e.Status == EvaluationStatus.Queued || e.Status == EvaluationStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CancelRequested, true), cancellationToken);
        // A queued evaluation has no executor yet to notice: it ends here.
        await db.EvaluationRuns.Where(e => e.Id == evaluationId && e.Status == EvaluationStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EvaluationStatus.Cancelled).SetProperty(e => e.FinishedAt, clock.GetUtcNow()), cancellationToken);
        return changed > 0;
    }

    /// <summary>The version of the step that the active pipeline versions use (the newest, if several do); null when none does.</summary>
    public static async Task<Guid?> ActiveVersionAsync(AiFlowDbContext db, Guid stepDefinitionId, CancellationToken cancellationToken)
    {
        var ids = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == stepDefinitionId).OrderByDescending(v => v.Number)
            .Select(v => v.Id).ToListAsync(cancellationToken);
        var dags = await db.PipelineVersions.AsNoTracking().Where(p => p.IsActive).Select(p => p.Dag).ToListAsync(cancellationToken);
        var used = dags.SelectMany(d => d.Nodes).Select(n => n.StepVersionId).ToHashSet();
        return ids.Where(used.Contains).Select(id => (Guid?)id).FirstOrDefault();
    }

    private async Task ScheduleAndCommitAsync(Guid evaluationId, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        using (scheduler.EnlistTransaction(transaction.GetDbTransaction()))
        {
            await scheduler.ScheduleJob(EvaluationJob.Detail(evaluationId), [EvaluationJob.Trigger(evaluationId)], new ScheduleJobOptions { Replace = true }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
