using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Retrieval.Gold;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Retrieval.Gold;

/// <summary>
/// Issue 14, item 8 on real PostgreSQL: reviewers judge retrieved chunks of step runs, the judgements form the
/// collection's gold set, and each retrieval step version is scored over it (figures worked out by hand below).
/// </summary>
public sealed class GoldRetrievalServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Backup = "How do I back up a database?";
    private const string Vacuum = "When does autovacuum run?";
    private static readonly CancellationToken None = CancellationToken.None;

    private GoldRetrievalService Service() => new(new AuditedContextFactory(fixture.Database), TimeProvider.System);

    private sealed record Setup(string Collection, Guid V1, Guid V2, Guid RunA, Guid RunB, Guid RunC);

    /// <summary>
    /// A collection and three runs of a retrieve → answer pipeline: A (retrieval v1) and B (v2) searched the same
    /// backup question, C (v1) a vacuum question.
    /// </summary>
    private async Task<Setup> SeedAsync()
    {
        var key = "gold-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = fixture.Database.CreateContext();
        var collection = new Collection { Key = key, Name = key, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" };
        var retrieve = new StepDefinition { Key = key + "-retrieve", Name = "Retrieve", Kind = StepKind.Retrieval };
        var v1 = new StepVersion { StepDefinitionId = retrieve.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
        var v2 = new StepVersion { StepDefinitionId = retrieve.Id, Number = 2, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
        var pipeline = new PipelineDefinition { Key = key, Name = key };
        var version = new PipelineVersion
        {
            PipelineDefinitionId = pipeline.Id, Number = 1, Status = VersionStatus.Published, IsActive = true, CreatedAt = DateTimeOffset.UtcNow,
            Dag = new PipelineDag { Nodes = [new DagNode { Key = "retrieve", StepVersionId = v1.Id }] },
        };
        db.AddRange(collection, retrieve, v1, v2, pipeline, version);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var runA = AddRun(db, pipeline, version, v1.Id, key, Backup, start, "c1", "c2", "c3");
        var runB = AddRun(db, pipeline, version, v2.Id, key, Backup, start.AddMinutes(1), "c2", "c4");
        var runC = AddRun(db, pipeline, version, v1.Id, key, Vacuum, start.AddMinutes(2), "c5", "c6");
        await db.SaveChangesAsync();
        return new Setup(key, v1.Id, v2.Id, runA, runB, runC);
    }

    private static Guid AddRun(AiFlow.Infrastructure.Persistence.AiFlowDbContext db, PipelineDefinition pipeline, PipelineVersion version, Guid stepVersionId, string collection,
        string query, DateTimeOffset at, params string[] chunks)
    {
        var run = new PipelineRun
        {
            PipelineDefinitionId = pipeline.Id, PipelineVersionId = version.Id, Status = RunStatus.Completed, Trigger = RunTrigger.Api, InputJson = "{}",
            CreatedAt = at, StartedAt = at, FinishedAt = at.AddSeconds(2),
        };
        var step = new StepRun
        {
            PipelineRunId = run.Id, NodeKey = "retrieve", StepVersionId = stepVersionId, Attempt = 1, Status = StepRunStatus.Completed, StartedAt = at,
            FinishedAt = at.AddSeconds(1), IdempotencyKey = $"{run.Id:N}:retrieve:1",
            ParamsJson = new JsonObject { ["collection"] = collection, ["query"] = "{{ input.question }}" }.ToJsonString(),
        };
        // A step of the same run that retrieved nothing: there is nothing on it to judge.
        var answer = new StepRun
        {
            PipelineRunId = run.Id, NodeKey = "answer", StepVersionId = stepVersionId, Attempt = 1, Status = StepRunStatus.Completed, StartedAt = at,
            FinishedAt = at.AddSeconds(2), IdempotencyKey = $"{run.Id:N}:answer:1", ParamsJson = "{}",
        };
        var ir = new JsonObject
        {
            ["query"] = query,
            ["chunks"] = new JsonArray([.. chunks.Select(id => (JsonNode?)new JsonObject { ["id"] = id, ["text"] = "text of " + id })]),
        };
        step.Artifacts.Add(new IrArtifact { StepRunId = step.Id, IrJson = ir.ToJsonString(), IsValid = true, CreatedAt = at });
        answer.Artifacts.Add(new IrArtifact { StepRunId = answer.Id, IrJson = """{"answer":"x"}""", IsValid = true, CreatedAt = at });
        db.AddRange(run, step, answer);
        return run.Id;
    }

    private async Task LabelAsync(Guid run, string chunk, bool relevant, string reviewer = "rita@aiflow.local")
    {
        using var _ = AuditScope.Begin(reviewer);
        var result = await Service().LabelAsync(run, "retrieve", null, chunk, relevant, TestUsers.Reviewer(reviewer), None);
        Assert.True(result.Saved, result.Message);
    }

    [Fact]
    public async Task Judged_chunks_score_each_retrieval_step_version_by_recall_mrr_and_ndcg_over_the_gold_set()
    {
        var s = await SeedAsync();
        await LabelAsync(s.RunA, "c2", true);
        await LabelAsync(s.RunA, "c1", false);
        await LabelAsync(s.RunB, "c4", true, reviewer: "alice@aiflow.local");
        await LabelAsync(s.RunC, "c5", false);

        var quality = (await Service().QualityAsync(s.Collection, None))!.ToDictionary(q => q.StepVersion);

        // Gold for the backup question: {c2, c4} (c4 judged on v2's run). Vacuum: nothing relevant, counted but not scored.
        // v1 on run A, [c1, c2, c3]: recall@10 = 1/2; MRR = 1/2; nDCG = (1/log₂3) ÷ (1 + 1/log₂3) = 0.63093 ÷ 1.63093 = 0.38685.
        var v1 = quality[1];
        Assert.Equal((s.V1, 2, 1, 10), (v1.StepVersionId, v1.LabelledQueries, v1.ScoredQueries, v1.K));
        Assert.Equal(0.5, v1.RecallAtK);
        Assert.Equal(0.5, v1.Mrr);
        Assert.Equal(0.38685, v1.NdcgAtK!.Value, 5);
        // v2 on run B, [c2, c4]: both gold chunks first: 1, 1, 1.
        var v2 = quality[2];
        Assert.Equal((s.V2, 1, 1), (v2.StepVersionId, v2.LabelledQueries, v2.ScoredQueries));
        Assert.Equal((1.0, 1.0, 1.0), (v2.RecallAtK!.Value, v2.Mrr!.Value, v2.NdcgAtK!.Value));
        Assert.Equal(s.Collection + "-retrieve", v2.StepKey);

        var gold = (await Service().GoldSetAsync(s.Collection, None))!.ToDictionary(q => q.Query);
        Assert.Equal(["c2", "c4"], gold[Backup].Relevant);
        Assert.Equal(["c1"], gold[Backup].NotRelevant);
        Assert.Empty(gold[Vacuum].Relevant);
        var c4 = Assert.Single(gold[Backup].Labels, l => l.ChunkId == "c4");
        Assert.Equal(("alice@aiflow.local", s.RunB, 2), (c4.LabelledBy, c4.RunId, c4.Rank));
    }

    [Fact]
    public async Task A_second_judgement_of_a_chunk_changes_its_row_and_the_audit_keeps_both()
    {
        var s = await SeedAsync();
        await LabelAsync(s.RunA, "c2", true);
        await LabelAsync(s.RunA, "c2", false, reviewer: "alice@aiflow.local");

        await using var db = fixture.Database.CreateContext();
        var row = await db.GoldRetrievalLabels.SingleAsync(l => l.PipelineRunId == s.RunA);
        Assert.Equal((false, "alice@aiflow.local", Backup, 2), (row.Relevant, row.LabelledBy, row.Query, row.Rank));
        var audit = await db.AuditEntries.Where(a => a.EntityType == "GoldRetrievalLabel" && a.EntityId == row.Id.ToString())
            .OrderBy(a => a.At).Select(a => new { a.Action, a.UserName }).ToListAsync();
        Assert.Equal([(AuditAction.Created, "rita@aiflow.local"), (AuditAction.Updated, "alice@aiflow.local")], audit.Select(a => (a.Action, a.UserName)));
        var quality = Assert.Single((await Service().QualityAsync(s.Collection, None))!);
        Assert.Null(quality.RecallAtK);
    }

    [Fact]
    public async Task A_chunk_the_step_did_not_retrieve_an_unknown_run_or_a_step_without_chunks_is_refused_and_nothing_is_saved()
    {
        var s = await SeedAsync();
        var reviewer = TestUsers.Reviewer();

        var notRetrieved = await Service().LabelAsync(s.RunA, "retrieve", null, "c4", true, reviewer, None);
        Assert.Equal(SaveOutcome.Invalid, notRetrieved.Outcome);
        Assert.Equal("/chunkId", notRetrieved.Problems[0].Field);
        Assert.Contains("not among the 3 chunks", notRetrieved.Message);
        Assert.Equal(SaveOutcome.Invalid, (await Service().LabelAsync(s.RunA, "retrieve", null, "  ", true, reviewer, None)).Outcome);
        Assert.Equal(SaveOutcome.Invalid, (await Service().LabelAsync(s.RunA, "retrieve", null, "c1", null, reviewer, None)).Outcome);
        Assert.Equal(SaveOutcome.NotFound, (await Service().LabelAsync(Guid.NewGuid(), "retrieve", null, "c1", true, reviewer, None)).Outcome);
        Assert.Equal(SaveOutcome.NotFound, (await Service().LabelAsync(s.RunA, "retrieve", 2, "c1", true, reviewer, None)).Outcome);
        Assert.Equal(SaveOutcome.NotFound, (await Service().LabelAsync(s.RunA, "nowhere", null, "c1", true, reviewer, None)).Outcome);
        Assert.Equal(SaveOutcome.Conflict, (await Service().LabelAsync(s.RunA, "answer", null, "c1", true, reviewer, None)).Outcome);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().LabelAsync(s.RunA, "retrieve", null, "c1", true, TestUsers.Ops(), None));

        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.GoldRetrievalLabels.AnyAsync(l => l.PipelineRunId == s.RunA));
        Assert.Empty((await Service().QualityAsync(s.Collection, None))!);
        Assert.Null(await Service().QualityAsync("no-such-collection", None));
    }
}
