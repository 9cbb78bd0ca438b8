using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// A pipeline's evaluation schedule firing: each step version of the active pipeline version with a dataset is evaluated on
/// its newest one, and, when the pipeline's gate judges end to end, the active version itself on the pipeline's newest dataset.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ScheduledEvaluationJob(IDbContextFactory<AiFlowDbContext> contexts, EvaluationService evaluations, ILogger<ScheduledEvaluationJob> logger) : IJob
{
    public const string Group = "evaluation-schedules";
    public const string PipelineKey = "pipeline";

    public static JobKey KeyFor(string pipelineKey) => new(pipelineKey, Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await StartAllAsync(context.MergedJobDataMap.GetString(PipelineKey)!, cancellationToken);

    /// <returns>The evaluations started.</returns>
    public async Task<IReadOnlyList<Guid>> StartAllAsync(string pipelineKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinition!.Key == pipelineKey && v.IsActive)
            .Select(v => new { v.PipelineDefinitionId, v.Dag, v.Number }).FirstOrDefaultAsync(cancellationToken);
        if (active is null) return [];
        var ids = active.Dag.Nodes.Select(n => n.StepVersionId).Distinct().ToList();
        var steps = await db.StepVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Where(v => db.DatasetVersions.Any(d => d.Scope == GroundTruthScope.Step && d.ScopeId == v.StepDefinitionId))
            .Select(v => new { Key = v.StepDefinition!.Key, v.Number }).ToListAsync(cancellationToken);
        var started = new List<Guid>();
        foreach (var step in steps)
        {
            // Compared with itself the active version is measured alone; the comparison is with the previous scheduled run.
            var result = await evaluations.StartAsync(new EvaluationRequest(EvaluationTargetKind.Step, step.Key, step.Number, null, step.Number, null, "schedule",
                active.PipelineDefinitionId), cancellationToken);
            if (result.EvaluationId is { } id) started.Add(id);
            else LogNotStarted(logger, pipelineKey, step.Key, result.Problem);
        }
        var endToEnd = await db.GatePolicies.AsNoTracking().AnyAsync(p => p.PipelineDefinitionId == active.PipelineDefinitionId && p.EndToEnd, cancellationToken)
            && await db.DatasetVersions.AnyAsync(d => d.Scope == GroundTruthScope.Pipeline && d.ScopeId == active.PipelineDefinitionId, cancellationToken);
        if (endToEnd)
        {
            var result = await evaluations.StartAsync(new EvaluationRequest(EvaluationTargetKind.Pipeline, pipelineKey, active.Number, null, active.Number, null, "schedule",
                active.PipelineDefinitionId), cancellationToken);
            if (result.EvaluationId is { } id) started.Add(id);
            else LogNotStarted(logger, pipelineKey, "(end to end)", result.Problem);
        }
        return started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled evaluation of pipeline {Pipeline}: step {Step} not evaluated: {Problem}")]
    private static partial void LogNotStarted(ILogger logger, string pipeline, string step, string? problem);
}
