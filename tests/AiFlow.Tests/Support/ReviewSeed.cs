using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;

namespace AiFlow.Tests.Support;

/// <summary>Review items with the run, step run and model IR behind them, written straight to a test database.</summary>
public static class ReviewSeed
{
    public static async Task<List<Guid>> AddItemsAsync(AiFlowDbContext db, Guid stepVersionId, int count, int reviewersNeeded = 1,
        Func<int, string>? input = null, Func<int, string>? modelIr = null)
    {
        var ids = new List<Guid>();
        var now = DateTimeOffset.UtcNow;
        var key = "seed-" + Guid.NewGuid().ToString("N")[..8];
        var pipeline = new PipelineDefinition { Key = key, Name = key };
        var pipelineVersion = new PipelineVersion
        {
            PipelineDefinitionId = pipeline.Id, Number = 1, Status = AiFlow.Domain.Steps.VersionStatus.Published, CreatedAt = now,
            Dag = new PipelineDag { Nodes = [new DagNode { Key = "check", StepVersionId = stepVersionId }] },
        };
        db.AddRange(pipeline, pipelineVersion);
        for (var i = 0; i < count; i++)
        {
            var run = new PipelineRun { PipelineDefinitionId = pipeline.Id, PipelineVersionId = pipelineVersion.Id, Status = RunStatus.Completed, InputJson = input?.Invoke(i) ?? $$"""{"n":{{i}}}""", CreatedAt = now };
            var step = new StepRun
            {
                PipelineRunId = run.Id, NodeKey = "check", StepVersionId = stepVersionId, Status = StepRunStatus.Completed,
                InputJson = run.InputJson, IdempotencyKey = $"{run.Id:N}:check:1", FinishedAt = now,
            };
            var artifact = new IrArtifact { StepRunId = step.Id, IrJson = modelIr?.Invoke(i) ?? $$"""{"text":"model {{i}}"}""", IsValid = true, CreatedAt = now };
            var item = new ReviewItem
            {
                PipelineRunId = run.Id, StepRunId = step.Id, StepVersionId = stepVersionId, NodeKey = "check", Reason = ReviewReason.Sampling,
                Status = ReviewItemStatus.Pending, ReviewersNeeded = reviewersNeeded, CreatedAt = now.AddMilliseconds(i),
            };
            db.AddRange(run, step, artifact, item);
            ids.Add(item.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
