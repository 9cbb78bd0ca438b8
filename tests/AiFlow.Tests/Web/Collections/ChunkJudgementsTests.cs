using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Retrieval.Gold;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Collections.Gold;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Web.Collections;

/// <summary>
/// The review panel's chunk judgements, rendered by bUnit over the real service and PostgreSQL: a Reviewer marks a
/// retrieved chunk relevant with one click and sees the verdict with their name; anyone else is refused and nothing is saved.
/// </summary>
public sealed class ChunkJudgementsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(Guid RunId, string IrJson)> RetrievalRunAsync()
    {
        var key = "judge-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = fixture.Database.CreateContext();
        var collection = new Collection { Key = key, Name = key, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" };
        var step = new StepDefinition { Key = key + "-retrieve", Name = "Retrieve", Kind = StepKind.Retrieval };
        var version = new StepVersion { StepDefinitionId = step.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
        var pipeline = new PipelineDefinition { Key = key, Name = key };
        var pipelineVersion = new PipelineVersion
        {
            PipelineDefinitionId = pipeline.Id, Number = 1, Status = VersionStatus.Published, IsActive = true, CreatedAt = DateTimeOffset.UtcNow,
            Dag = new PipelineDag { Nodes = [new DagNode { Key = "retrieve", StepVersionId = version.Id }] },
        };
        var now = DateTimeOffset.UtcNow;
        var run = new PipelineRun
        {
            PipelineDefinitionId = pipeline.Id, PipelineVersionId = pipelineVersion.Id, Status = RunStatus.Completed, Trigger = RunTrigger.Api, InputJson = "{}",
            CreatedAt = now, StartedAt = now, FinishedAt = now,
        };
        var stepRun = new StepRun
        {
            PipelineRunId = run.Id, NodeKey = "retrieve", StepVersionId = version.Id, Status = StepRunStatus.Completed, StartedAt = now, FinishedAt = now,
            IdempotencyKey = $"{run.Id:N}:retrieve:1", ParamsJson = new JsonObject { ["collection"] = key }.ToJsonString(),
        };
        var ir = new JsonObject
        {
            ["query"] = "How do I back up?",
            ["chunks"] = new JsonArray(
                new JsonObject { ["id"] = "c1", ["text"] = "Use pg_dump.", ["document"] = "backup.html" },
                new JsonObject { ["id"] = "c2", ["text"] = "VACUUM reclaims storage.", ["document"] = "vacuum.html" }),
        }.ToJsonString();
        stepRun.Artifacts.Add(new IrArtifact { StepRunId = stepRun.Id, IrJson = ir, IsValid = true, CreatedAt = now });
        db.AddRange(collection, step, version, pipeline, pipelineVersion, run, stepRun);
        await db.SaveChangesAsync();
        return (run.Id, ir);
    }

    private BunitContext Context(string user, string role)
    {
        var ctx = MudBunit.NewContext();
        ctx.Services.AddSingleton(new GoldRetrievalService(new AuditedContextFactory(fixture.Database), TimeProvider.System));
        ctx.AddAuthorization().SetAuthorized(user).SetRoles(role);
        return ctx;
    }

    [Fact]
    public async Task A_reviewer_marks_a_retrieved_chunk_relevant_with_one_click_and_sees_the_verdict_with_their_name()
    {
        var (runId, ir) = await RetrievalRunAsync();
        await using var ctx = Context("rita@aiflow.local", Roles.Reviewer);
        var panel = ctx.Render<ChunkJudgements>(p => p.Add(x => x.RunId, runId).Add(x => x.NodeKey, "retrieve").Add(x => x.IrJson, ir));
        panel.WaitForAssertion(() => Assert.Equal(["none", "none"], panel.FindAll("[data-testid=judged-chunk]").Select(r => r.GetAttribute("data-label"))));

        await panel.InvokeAsync(() => panel.Find("[data-chunk=c1] [data-testid=chunk-relevant]").ClickAsync(new()));

        panel.WaitForAssertion(() => Assert.Equal("relevant", panel.Find("[data-chunk=c1]").GetAttribute("data-label")));
        Assert.Contains("rita@aiflow.local", panel.Find("[data-chunk=c1] [data-testid=chunk-label]").TextContent, StringComparison.Ordinal);
        await using var db = fixture.Database.CreateContext();
        var row = await db.GoldRetrievalLabels.SingleAsync(l => l.PipelineRunId == runId);
        Assert.Equal(("c1", true, "rita@aiflow.local", 1), (row.ChunkId, row.Relevant, row.LabelledBy, row.Rank));
    }

    [Fact]
    public async Task Ops_may_not_judge_a_chunk_and_nothing_is_saved()
    {
        var (runId, ir) = await RetrievalRunAsync();
        await using var ctx = Context("oscar@aiflow.local", Roles.Ops);
        var panel = ctx.Render<ChunkJudgements>(p => p.Add(x => x.RunId, runId).Add(x => x.NodeKey, "retrieve").Add(x => x.IrJson, ir));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=judged-chunk]").Count));
        await panel.InvokeAsync(() => panel.Find("[data-chunk=c2] [data-testid=chunk-not-relevant]").ClickAsync(new()));

        panel.WaitForAssertion(() => Assert.Contains("Only a Reviewer or an Admin", panel.Find("[data-testid=chunk-judgement-error]").TextContent, StringComparison.Ordinal));
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.GoldRetrievalLabels.AnyAsync(l => l.PipelineRunId == runId));
    }
}
