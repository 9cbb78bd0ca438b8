using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Reviews;

/// <summary>Issue 13, item 1: ground truth holds only valid, reviewed answers, whatever the step's validation mode.</summary>
public class GroundTruthIntegrityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string ToneSchema = """{"type":"object","required":["tone"],"additionalProperties":false,"properties":{"tone":{"enum":["formal","friendly"]}}}""";

    private async Task<(Guid Step, List<Guid> Items)> SeedAsync(ValidationMode mode, Func<int, string>? modelIr = null)
    {
        await using var db = fixture.Database.CreateContext();
        var step = await TestPipelines.AddHumanReviewStepAsync(db, "gti-" + Guid.NewGuid().ToString("N")[..8], ToneSchema, mode, null, 1);
        return (step, await ReviewSeed.AddItemsAsync(db, step, 1, modelIr: modelIr ?? (_ => """{"tone":"formal"}""")));
    }

    [Theory]
    [InlineData(ValidationMode.Off)]
    [InlineData(ValidationMode.Log)]
    [InlineData(ValidationMode.Enforce)]
    public async Task A_correction_that_fails_the_ir_schema_is_refused_in_every_validation_mode(ValidationMode mode)
    {
        var (step, items) = await SeedAsync(mode);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var claim = await host.Queue.ClaimAsync(items[0], "val", CancellationToken.None);
        Assert.NotNull(claim);

        var refused = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "val", ReviewDecision.Correct, """{"tone":12345,"bogus_field":1}"""), CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Errors, e => e.InstanceLocation == "/tone");
        Assert.Equal(0, (await host.Curator.CurateAsync(CancellationToken.None)).Created);
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.HumanFeedback.AnyAsync(f => f.ReviewItemId == items[0]));
        Assert.False(await db.GroundTruthExamples.AnyAsync(e => db.StepVersions.Any(v => v.Id == step && v.StepDefinitionId == e.ScopeId)));
    }

    [Fact]
    public async Task An_approval_of_model_output_that_fails_its_schema_is_flagged_and_escalated_not_curated()
    {
        var (step, items) = await SeedAsync(ValidationMode.Log, _ => """{"tone":"shouting"}""");
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        await host.Queue.ClaimAsync(items[0], "val", CancellationToken.None);
        var approved = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "val", ReviewDecision.Approve), CancellationToken.None);
        Assert.True(approved.Succeeded, approved.Message);

        var result = await host.Curator.CurateAsync(CancellationToken.None);

        Assert.Equal((0, 1), (result.Created, result.Flagged));
        await using var db = fixture.Database.CreateContext();
        var item = await db.ReviewItems.SingleAsync(i => i.Id == items[0]);
        Assert.Equal(ReviewItemStatus.Escalated, item.Status);
        Assert.Contains("/tone", item.ReasonDetail, StringComparison.Ordinal);
        Assert.False(await db.GroundTruthExamples.AnyAsync(e => db.StepVersions.Any(v => v.Id == step && v.StepDefinitionId == e.ScopeId)));
        Assert.Equal(0, (await host.Curator.CurateAsync(CancellationToken.None)).Total);
    }

    [Fact]
    public async Task The_start_up_audit_moves_old_examples_to_their_step_marks_those_failing_their_schema_and_export_leaves_them_out()
    {
        var (step, _) = await SeedAsync(ValidationMode.Log);
        Guid definition;
        await using (var db = fixture.Database.CreateContext())
        {
            definition = await db.StepVersions.Where(v => v.Id == step).Select(v => v.StepDefinitionId).SingleAsync();
            // Written the way earlier releases wrote curation: keyed by step version and pipeline input, unchecked.
            foreach (var (input, expected) in new[] { ("""{"n":1}""", """{"tone":"friendly"}"""), ("""{"n":2}""", """{"tone":12345,"bogus_field":1}""") })
            {
                var example = new GroundTruthExample { Scope = GroundTruthScope.StepVersion, ScopeId = step, Reference = input, CurrentVersionNumber = 1, CreatedAt = DateTimeOffset.UtcNow };
                example.Versions.Add(new GroundTruthVersion { GroundTruthExampleId = example.Id, Number = 1, InputJson = input, ExpectedIrJson = expected, CreatedAt = DateTimeOffset.UtcNow });
                db.GroundTruthExamples.Add(example);
            }
            await db.SaveChangesAsync();
        }
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var audit = host.Audit;

        Assert.True(await audit.RunAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await audit.RunAsync(CancellationToken.None));

        await using var check = fixture.Database.CreateContext();
        Assert.False(await check.GroundTruthExamples.AnyAsync(e => e.Scope == GroundTruthScope.StepVersion));
        var examples = await check.GroundTruthExamples.Include(e => e.Versions).Where(e => e.Scope == GroundTruthScope.Step && e.ScopeId == definition).ToListAsync();
        Assert.Equal(2, examples.Count);
        var versions = examples.SelectMany(e => e.Versions).ToList();
        Assert.All(versions, v => Assert.Equal(step, v.StepVersionId));
        Assert.Contains(versions, v => AiFlow.Domain.Common.CanonicalJson.Canonicalize(v.InputJson) == """{"input":{"n":1},"ir":{}}""");
        var bad = Assert.Single(versions, v => v.SchemaValid == false);
        Assert.StartsWith("/tone", bad.SchemaProblem, StringComparison.Ordinal);
        Assert.Single(versions, v => v.SchemaValid == true);
        var export = await host.GroundTruth.ExportJsonlAsync(definition, CancellationToken.None);
        Assert.Single(export.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("bogus_field", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_queued_for_several_reasons_is_one_item_that_the_reason_filter_finds_by_any_of_them()
    {
        var (step, items) = await SeedAsync(ValidationMode.Log);
        await using (var db = fixture.Database.CreateContext())
        {
            var item = await db.ReviewItems.SingleAsync(i => i.Id == items[0]);
            item.Reason = ReviewReason.InvalidIr;
            item.Reasons = [ReviewReason.InvalidIr, ReviewReason.MetricBelowTarget];
            await db.SaveChangesAsync();
        }
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);

        var claim = await host.Queue.ClaimNextAsync("multi", new ReviewQueueFilter(StepVersionId: step, Reason: ReviewReason.MetricBelowTarget), CancellationToken.None);

        Assert.Equal(items[0], claim?.ItemId);
        await using var read = fixture.Database.CreateContext();
        Assert.Equal([ReviewReason.InvalidIr, ReviewReason.MetricBelowTarget], (await read.ReviewItems.SingleAsync(i => i.Id == items[0])).Reasons);
        Assert.Equal(1, await read.ReviewItems.CountAsync(i => i.StepVersionId == step && i.Reasons.Contains(ReviewReason.MetricBelowTarget)));
    }
}
