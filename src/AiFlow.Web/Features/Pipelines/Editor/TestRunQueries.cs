using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>Reads a test run's state for the editor's overlay: one short query per progress event.</summary>
public sealed class TestRunQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>The input of the pipeline's latest run, as a starting sample; null when it never ran.</summary>
    public async Task<string?> LastInputAsync(string pipelineKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipelineId = db.PipelineDefinitions.Where(p => p.Key == pipelineKey).Select(p => p.Id);
        return await db.PipelineRuns.AsNoTracking().Where(r => pipelineId.Contains(r.PipelineDefinitionId))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.InputJson).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<(RunStatus Status, string? Error, IReadOnlyList<TestRunNodeState> Nodes)?> StateAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Status, r.Error }).FirstOrDefaultAsync(cancellationToken);
        if (run is null) return null;
        var nodes = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId)
            .Select(s => new TestRunNodeState(s.NodeKey, s.Attempt, s.Status,
                db.IrArtifacts.Where(a => a.StepRunId == s.Id).Select(a => (bool?)a.IsValid).FirstOrDefault(),
                s.LatencyMs, s.Error))
            .ToListAsync(cancellationToken);
        return (run.Status, run.Error, nodes);
    }
}
