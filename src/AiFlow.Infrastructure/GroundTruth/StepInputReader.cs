using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>What a finished step read, rebuilt from its run: the pipeline input and the newest IR of each completed upstream node.</summary>
public static class StepInputReader
{
    public sealed record Read(string StepInputJson, string PipelineInputJson, Guid PipelineDefinitionId);

    public static async Task<Read?> ReadAsync(AiFlowDbContext db, StepRun step, CancellationToken cancellationToken)
    {
        var run = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == step.PipelineRunId)
            .Select(r => new { r.InputJson, r.PipelineVersionId, r.PipelineDefinitionId }).FirstOrDefaultAsync(cancellationToken);
        if (run is null) return null;
        var dag = await db.PipelineVersions.AsNoTracking().Where(v => v.Id == run.PipelineVersionId).Select(v => v.Dag).FirstOrDefaultAsync(cancellationToken);
        var ancestors = dag is null ? [] : StepInput.Ancestors(dag, step.NodeKey).ToList();
        var upstream = ancestors.Count == 0 ? [] : await db.StepRuns.AsNoTracking()
            .Where(s => s.PipelineRunId == step.PipelineRunId && ancestors.Contains(s.NodeKey) && s.Status == StepRunStatus.Completed)
            .Select(s => new
            {
                s.NodeKey, s.Attempt,
                Ir = db.IrArtifacts.Where(a => a.StepRunId == s.Id).OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Select(a => a.IrJson).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var irByNode = upstream.Where(u => u.Ir is not null).GroupBy(u => u.NodeKey, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, JsonNode.Parse(g.OrderByDescending(u => u.Attempt).First().Ir!)));
        var pipelineInput = step.InputJson ?? run.InputJson;
        return new Read(StepInput.Compose(JsonNode.Parse(pipelineInput), irByNode).ToJsonString(), pipelineInput, run.PipelineDefinitionId);
    }
}
