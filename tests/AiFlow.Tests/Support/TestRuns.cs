using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;

namespace AiFlow.Tests.Support;

/// <summary>Writes finished runs, step runs and IR artifacts straight into a test database (no engine involved).</summary>
public static class TestRuns
{
    public static async Task<(Guid PipelineId, Guid VersionId, Guid StepVersionId)> AddPipelineAsync(AiFlowDbContext db, string key)
    {
        var step = new StepDefinition { Key = "s-" + key, Name = key, Kind = StepKind.Transform };
        var stepVersion = new StepVersion { StepDefinitionId = step.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
        var definition = new PipelineDefinition { Key = key, Name = key };
        var version = new PipelineVersion
        {
            PipelineDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, IsActive = true,
            Dag = new PipelineDag { Nodes = [new DagNode { Key = "a", StepVersionId = stepVersion.Id }] }, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(step, stepVersion, definition, version);
        await db.SaveChangesAsync();
        return (definition.Id, version.Id, stepVersion.Id);
    }

    public static PipelineRun Run((Guid PipelineId, Guid VersionId, Guid StepVersionId) pipeline, DateTimeOffset createdAt, RunStatus status,
        decimal cost, int tokens, string input = "{}", RunTrigger trigger = RunTrigger.Api) => new()
    {
        PipelineDefinitionId = pipeline.PipelineId, PipelineVersionId = pipeline.VersionId, Status = status, Trigger = trigger, InputJson = input,
        CreatedAt = createdAt, StartedAt = createdAt, FinishedAt = createdAt.AddSeconds(10), TokensIn = tokens, TokensOut = 0, CostUsd = cost,
    };

    public static StepRun Step(PipelineRun run, Guid stepVersionId, string node, StepRunStatus status, int latencyMs, decimal cost, int tokens,
        string? model = "m1", string? endpoint = "e1", bool? irValid = null)
    {
        var start = run.StartedAt!.Value;
        var step = new StepRun
        {
            PipelineRunId = run.Id, NodeKey = node, StepVersionId = stepVersionId, Attempt = 1, Status = status, StartedAt = start,
            FinishedAt = start.AddMilliseconds(latencyMs), LatencyMs = latencyMs, CostUsd = cost, TokensIn = tokens, Model = model,
            EndpointName = endpoint, IdempotencyKey = $"{run.Id:N}:{node}:1",
        };
        if (irValid is { } valid)
        {
            step.Artifacts.Add(new IrArtifact
            {
                StepRunId = step.Id, IrJson = "{}", IsValid = valid, CreatedAt = start,
                ValidationErrors = valid ? [] : [new IrValidationError("/x", "/required", "x is required")],
            });
        }
        return step;
    }
}
