using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Retention;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Retention;

public class RetentionPurgerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_purge_removes_only_what_is_past_its_ttl_and_spares_runs_that_ground_truth_or_an_open_review_points_at()
    {
        await using var h = await RetentionHarness.CreateAsync();
        (h.Options.RawResponsesDays, h.Options.RenderedPromptsDays, h.Options.SuccessfulIrArtifactsDays) = (30, 30, 60);
        await using var db = h.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, "retained");
        var old = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100));
        var middle = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-45));
        var recent = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-1));
        var failed = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100), StepRunStatus.Failed, irValid: false);
        var inReview = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100));
        var closedReview = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100));
        var truth = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-100));
        var all = new[] { old, middle, recent, failed, inReview, closedReview, truth };
        foreach (var (run, step) in all)
        {
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(step);
        }
        db.ReviewItems.Add(Review(inReview.Step, ReviewItemStatus.Pending));
        db.ReviewItems.Add(Review(closedReview.Step, ReviewItemStatus.Completed));
        db.GroundTruthExamples.Add(new GroundTruthExample
        {
            Scope = GroundTruthScope.StepVersion, ScopeId = pipeline.StepVersionId, Reference = "r1", CurrentVersionNumber = 1, CreatedAt = Now,
            Versions = [new GroundTruthVersion { Number = 1, CreatedAt = Now, Provenance = new GroundTruthProvenance { PipelineRunId = truth.Run.Id, StepRunId = truth.Step.Id } }],
        });
        await db.SaveChangesAsync();

        var purge = await h.PurgeAsync();

        Assert.Null(purge.Error);
        Assert.Equal((4L, 4L, 2L), (purge.RawResponses, purge.RenderedPrompts, purge.IrArtifacts));
        await using var check = h.Database.CreateContext();
        var steps = await check.StepRuns.AsNoTracking().Include(s => s.Artifacts).Include(s => s.Texts).ToDictionaryAsync(s => s.Id);
        Assert.Equal(all.Length, steps.Count);
        (string? Raw, string? Prompt, int Ir) Kept(StepRun s) => (steps[s.Id].RawResponse(), steps[s.Id].RenderedPrompt(), steps[s.Id].Artifacts.Count);
        Assert.Equal((null, null, 0), Kept(old.Step));
        Assert.Equal((null, null, 0), Kept(closedReview.Step));
        Assert.Equal((null, null, 1), Kept(middle.Step));
        Assert.Equal((null, null, 1), Kept(failed.Step));
        Assert.Equal(("{\"raw\":true}", "Say something", 1), Kept(recent.Step));
        Assert.Equal(("{\"raw\":true}", "Say something", 1), Kept(inReview.Step));
        Assert.Equal(("{\"raw\":true}", "Say something", 1), Kept(truth.Step));
    }

    [Fact]
    public async Task A_purge_goes_on_batch_after_batch_until_everything_past_the_ttl_is_gone()
    {
        await using var h = await RetentionHarness.CreateAsync();
        (h.Options.RawResponsesDays, h.Options.RenderedPromptsDays, h.Options.SuccessfulIrArtifactsDays, h.Options.BatchSize) = (30, null, null, 10);
        await using var db = h.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, "batched");
        for (var i = 0; i < 25; i++)
        {
            var (run, step) = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-40).AddMinutes(i));
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(step);
        }
        await db.SaveChangesAsync();

        var purge = await h.PurgeAsync();

        Assert.Equal((25L, 0L, 0L), (purge.RawResponses, purge.RenderedPrompts, purge.IrArtifacts));
        Assert.False(await db.StepRunTexts.AnyAsync(t => t.RawResponse != null));
        Assert.Equal(25, await db.StepRunTexts.CountAsync(t => t.RenderedPrompt != null));
    }

    [Fact]
    public async Task Months_wholly_past_the_ttl_are_dropped_as_partitions_and_younger_months_are_made_ahead()
    {
        await using var h = await RetentionHarness.CreateAsync();
        h.Options.RequestLogsDays = 30;
        var longAgo = MonthlyPartitions.MonthOf(Now.AddMonths(-5));
        await h.Partitions.CreateAsync(longAgo, CancellationToken.None);
        await using var db = h.Database.CreateContext();
        db.AiRequestLogs.AddRange(Enumerable.Range(0, 3).Select(i => RetentionHarness.RequestLog(new DateTimeOffset(longAgo).AddDays(3 + i))));
        db.AiRequestLogs.Add(RetentionHarness.RequestLog(Now.AddDays(-40)));
        var young = RetentionHarness.RequestLog(Now.AddDays(-20));
        var today = RetentionHarness.RequestLog(Now.AddMinutes(-1));
        db.AiRequestLogs.AddRange(young, today);
        await db.SaveChangesAsync();

        var purge = await h.PurgeAsync();

        Assert.Null(purge.Error);
        Assert.Equal(4, purge.RequestLogs);
        Assert.True(purge.RequestLogPartitionsDropped >= 1);
        var months = await h.Partitions.MonthsAsync(CancellationToken.None);
        Assert.DoesNotContain(longAgo, months);
        Assert.All(Enumerable.Range(0, MonthlyPartitions.MonthsAhead + 1), i => Assert.Contains(MonthlyPartitions.MonthOf(Now).AddMonths(i), months));
        // A row that had landed in the default partition now sits in its month's own partition.
        Assert.Contains(MonthlyPartitions.MonthOf(young.CreatedAt), months);
        var countDefault = $"SELECT count(*) AS \"Value\" FROM {h.Partitions.DefaultPartition}";
        var inDefault = await db.Database.SqlQueryRaw<long>(countDefault).SingleAsync();
        Assert.Equal(0, inDefault);
        Assert.Equal(new[] { young.Id, today.Id }, (await db.AiRequestLogs.AsNoTracking().OrderBy(l => l.CreatedAt).Select(l => l.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_month_of_prompts_and_responses_past_both_ttls_is_dropped_whole_and_the_texts_it_must_keep_move_to_the_default_partition()
    {
        await using var h = await RetentionHarness.CreateAsync();
        (h.Options.RawResponsesDays, h.Options.RenderedPromptsDays) = (30, 60);
        var longAgo = MonthlyPartitions.MonthOf(Now.AddMonths(-5));
        await h.Texts.CreateAsync(longAgo, CancellationToken.None);
        await using var db = h.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, "partitioned");
        var inMonth = new DateTimeOffset(longAgo).AddDays(3);
        var gone = Enumerable.Range(0, 3).Select(i => RetentionHarness.FinishedRun(pipeline, inMonth.AddHours(i))).ToList();
        var reviewed = RetentionHarness.FinishedRun(pipeline, inMonth.AddHours(5));
        // Past the responses' TTL only: its month stays, and only its response goes.
        var between = RetentionHarness.FinishedRun(pipeline, Now.AddDays(-45));
        foreach (var (run, step) in gone.Append(reviewed).Append(between))
        {
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(step);
        }
        db.ReviewItems.Add(Review(reviewed.Step, ReviewItemStatus.Pending));
        await db.SaveChangesAsync();
        var countLongAgo = $"SELECT count(*) AS \"Value\" FROM {h.Texts.NameOf(longAgo)}";
        Assert.Equal(4, await db.Database.SqlQueryRaw<long>(countLongAgo).SingleAsync());

        var purge = await h.PurgeAsync();

        Assert.Null(purge.Error);
        Assert.Equal(1, purge.StepTextPartitionsDropped);
        Assert.Equal((4L, 3L), (purge.RawResponses, purge.RenderedPrompts));
        Assert.DoesNotContain(longAgo, await h.Texts.MonthsAsync(CancellationToken.None));
        await using var check = h.Database.CreateContext();
        var texts = await check.StepRunTexts.AsNoTracking().ToDictionaryAsync(t => t.StepRunId);
        Assert.Equal(new[] { reviewed.Step.Id, between.Step.Id }.Order(), texts.Keys.Order());
        Assert.Equal(("{\"raw\":true}", "Say something"), (texts[reviewed.Step.Id].RawResponse, texts[reviewed.Step.Id].RenderedPrompt));
        Assert.Equal((null, "Say something"), (texts[between.Step.Id].RawResponse, texts[between.Step.Id].RenderedPrompt));
        // The kept text sits in the default partition, and the next pass neither purges it nor makes its month again.
        var countDefault = $"SELECT count(*) AS \"Value\" FROM {h.Texts.DefaultPartition}";
        Assert.Equal(1, await check.Database.SqlQueryRaw<long>(countDefault).SingleAsync());
        var again = await h.PurgeAsync();
        Assert.Equal((0, 0, 0L, 0L), (again.StepTextPartitionsCreated, again.StepTextPartitionsDropped, again.RawResponses, again.RenderedPrompts));
        Assert.Equal(2, await check.StepRunTexts.CountAsync());
        Assert.Equal(5, await check.StepRuns.CountAsync());
    }

    [Fact]
    public async Task The_last_purge_is_recorded_for_the_status_page_and_the_api()
    {
        await using var h = await RetentionHarness.CreateAsync();
        h.Options.RequestLogsDays = 30;
        await using var db = h.Database.CreateContext();
        db.AiRequestLogs.Add(RetentionHarness.RequestLog(Now.AddDays(-31)));
        await db.SaveChangesAsync();

        await h.PurgeAsync();
        var status = await new RetentionStatusQueries(h.Contexts, h.Partitions, h.Texts, new StaticRetentionOptions(h.Options), TimeProvider.System).LoadAsync(CancellationToken.None);

        Assert.Equal(1, status.LastRun!.RequestLogs);
        Assert.NotNull(status.LastRun.FinishedAt);
        Assert.True(status.NextRunAt > Now);
        Assert.Contains(h.Partitions.NameOf(MonthlyPartitions.MonthOf(Now)), status.RequestLogPartitions);
        Assert.Contains(h.Texts.NameOf(MonthlyPartitions.MonthOf(Now)), status.StepTextPartitions);
    }

    private static ReviewItem Review(StepRun step, ReviewItemStatus status) => new()
    {
        PipelineRunId = step.PipelineRunId, StepRunId = step.Id, StepVersionId = step.StepVersionId, NodeKey = step.NodeKey,
        Reason = ReviewReason.Sampling, Reasons = [ReviewReason.Sampling], Status = status, CreatedAt = step.FinishedAt!.Value,
    };
}
