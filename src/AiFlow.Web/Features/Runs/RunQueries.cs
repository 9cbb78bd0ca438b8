using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Runs;

/// <summary>No-tracking reads of runs for the API and the run page.</summary>
public sealed class RunQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<(string PipelineKey, string InputJson)?> SourceAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.PipelineDefinitions, r => r.PipelineDefinitionId, p => p.Id, (r, p) => new { p.Key, r.InputJson })
            .FirstOrDefaultAsync(cancellationToken);
        return source is null ? null : (source.Key, source.InputJson);
    }

    public async Task<RunDetails?> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.PipelineVersions, r => r.PipelineVersionId, v => v.Id, (r, v) => new { Run = r, v.Number, v.PipelineDefinitionId })
            .Join(db.PipelineDefinitions, x => x.PipelineDefinitionId, p => p.Id, (x, p) => new { x.Run, x.Number, p.Key })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null) return null;
        var steps = await db.StepRuns.AsNoTracking().Include(s => s.Texts).Where(s => s.PipelineRunId == runId).OrderBy(s => s.StartedAt).ThenBy(s => s.Attempt).ToListAsync(cancellationToken);
        var ids = steps.Select(s => s.Id).ToList();
        var artifacts = await db.IrArtifacts.AsNoTracking().Where(a => ids.Contains(a.StepRunId)).ToListAsync(cancellationToken);
        var metrics = await db.MetricResults.AsNoTracking().Where(m => ids.Contains(m.StepRunId)).ToListAsync(cancellationToken);
        var links = await db.StepOutputLinks.AsNoTracking().Where(l => ids.Contains(l.StepRunId))
            .OrderBy(l => l.TargetType).ThenBy(l => l.Relation).ThenBy(l => l.TargetId).ToListAsync(cancellationToken);
        var reviews = await db.ReviewItems.AsNoTracking().Where(r => r.PipelineRunId == runId)
            .Select(r => new { r.StepRunId, r.Id, Reason = r.Reason.ToString(), Status = r.Status.ToString() }).ToListAsync(cancellationToken);

        return new RunDetails(run.Run.Id, run.Key, run.Number, run.Run.Status.ToString(), run.Run.Trigger.ToString(), JsonNode.Parse(run.Run.InputJson),
            run.Run.Error, run.Run.CreatedAt, run.Run.StartedAt, run.Run.FinishedAt, run.Run.TokensIn, run.Run.TokensOut, run.Run.CostUsd,
            steps.Select(s =>
            {
                var artifact = artifacts.Where(a => a.StepRunId == s.Id).OrderBy(a => a.CreatedAt).LastOrDefault();
                return new StepDetails(s.Id, s.NodeKey, s.Attempt, s.Status.ToString(), s.StartedAt, s.FinishedAt, s.LatencyMs, s.Model, s.EndpointName,
                    s.TokensIn, s.TokensOut, s.CostUsd, s.Error, s.Texts.FirstOrDefault()?.RenderedPrompt, s.Texts.FirstOrDefault()?.RawResponse, s.IdempotencyKey,
                    artifact is null ? null : JsonNode.Parse(artifact.IrJson), artifact?.IsValid, artifact?.ValidationErrors ?? [],
                    metrics.Where(m => m.StepRunId == s.Id).Select(m => new MetricDetails(m.MetricKey, m.Value, m.Target, m.Passed, m.NotApplicableReason)).ToList(),
                    reviews.Where(r => r.StepRunId == s.Id).Select(r => new ReviewDetails(r.Id, r.Reason, r.Status)).ToList(),
                    links.Where(l => l.StepRunId == s.Id).Select(l => new OutputLinkDetails(l.TargetType, l.TargetId, l.Relation)).ToList());
            }).ToList());
    }
}
