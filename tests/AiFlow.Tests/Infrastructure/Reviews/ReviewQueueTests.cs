using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AiFlow.Tests.Infrastructure.Reviews;

public class ReviewQueueTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string TextSchema = """{"type":"object","required":["text"],"properties":{"text":{"type":"string","minLength":3}},"additionalProperties":false}""";

    private async Task<(Guid Step, List<Guid> Items)> SeedAsync(int count, int reviewersNeeded = 1, ValidationMode mode = ValidationMode.Enforce, string[]? labels = null)
    {
        await using var db = fixture.Database.CreateContext();
        var step = await TestPipelines.AddHumanReviewStepAsync(db, "check-" + Guid.NewGuid().ToString("N")[..8], TextSchema, mode, labels, reviewersNeeded);
        return (step, await ReviewSeed.AddItemsAsync(db, step, count, reviewersNeeded));
    }

    [Fact]
    public async Task Many_parallel_claimers_never_share_a_slot_and_every_item_is_decided_by_the_required_number_of_people()
    {
        var (step, items) = await SeedAsync(40, reviewersNeeded: 2);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var filter = new ReviewQueueFilter(StepVersionId: step);
        var decided = new ConcurrentBag<(Guid Item, string Reviewer)>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(r => Task.Run(async () =>
        {
            var reviewer = $"reviewer-{r}";
            while (await host.Queue.ClaimNextAsync(reviewer, filter, CancellationToken.None) is { } claim)
            {
                var result = await host.Queue.SubmitAsync(new ReviewSubmission(claim.ItemId, reviewer, ReviewDecision.Approve), CancellationToken.None);
                Assert.True(result.Succeeded, result.Message);
                decided.Add((claim.ItemId, reviewer));
            }
        })));

        Assert.Equal(80, decided.Count);
        Assert.All(decided.GroupBy(d => d.Item), g => Assert.Equal(2, g.Select(d => d.Reviewer).Distinct().Count()));
        Assert.Equal(items.Order(), decided.Select(d => d.Item).Distinct().Order());
        await using var db = fixture.Database.CreateContext();
        var claims = await db.ReviewClaims.Where(c => items.Contains(c.ReviewItemId)).ToListAsync();
        Assert.All(claims.Where(c => c.ReleasedAt == null).GroupBy(c => (c.ReviewItemId, c.Slot)), g => Assert.Single(g));
        Assert.True(await db.ReviewItems.Where(i => items.Contains(i.Id)).AllAsync(i => i.Status == ReviewItemStatus.Completed && i.DecisionsCount == 2));
    }

    [Fact]
    public async Task A_label_set_changed_on_a_published_step_applies_to_the_next_decisions_within_seconds()
    {
        var (step, _) = await SeedAsync(2, labels: ["good", "bad"]);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var filter = new ReviewQueueFilter(StepVersionId: step);
        var first = await host.Queue.ClaimNextAsync("lee", filter, CancellationToken.None);
        var accepted = await host.Queue.SubmitAsync(new ReviewSubmission(first!.ItemId, "lee", ReviewDecision.Approve, null, ["good"]), CancellationToken.None);
        Assert.True(accepted.Succeeded, accepted.Message);

        await using (var db = fixture.Database.CreateContext())
        {
            var version = await db.StepVersions.FirstAsync(v => v.Id == step);
            version.LabelSet = ["fine"];
            await db.SaveChangesAsync();
        }
        // Published settings are cached for a few seconds per process (ADR 0014), no longer.
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var second = await host.Queue.ClaimNextAsync("lee", filter, CancellationToken.None);
        var refused = await host.Queue.SubmitAsync(new ReviewSubmission(second!.ItemId, "lee", ReviewDecision.Approve, null, ["good"]), CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.StartsWith("Unknown labels: good", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_lease_returns_the_slot_and_the_late_reviewer_is_refused()
    {
        var (step, items) = await SeedAsync(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ReviewTestHost(fixture.Database, clock);
        var filter = new ReviewQueueFilter(StepVersionId: step);

        var first = await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None);
        Assert.Equal(items[0], first!.ItemId);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), first.LeaseExpiresAt);
        Assert.Null(await host.Queue.ClaimNextAsync("bob", filter, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var second = await host.Queue.ClaimNextAsync("bob", filter, CancellationToken.None);
        Assert.Equal(items[0], second!.ItemId);

        var late = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Approve), CancellationToken.None);
        Assert.False(late.Succeeded);
        Assert.True((await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "bob", ReviewDecision.Approve), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task An_item_needing_three_reviewers_goes_to_three_different_people_and_completes_with_the_third_decision()
    {
        var (step, items) = await SeedAsync(1, reviewersNeeded: 3);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var filter = new ReviewQueueFilter(StepVersionId: step);

        var ann = await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None);
        Assert.Equal((ann!.ItemId, ann.Slot), await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None) is { } again ? (again.ItemId, again.Slot) : default);
        await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Approve), CancellationToken.None);
        Assert.Null(await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None));

        var bob = await host.Queue.ClaimNextAsync("bob", filter, CancellationToken.None);
        var cat = await host.Queue.ClaimNextAsync("cat", filter, CancellationToken.None);
        Assert.Null(await host.Queue.ClaimNextAsync("dan", filter, CancellationToken.None));
        Assert.Equal([0, 1, 2], new[] { ann.Slot, bob!.Slot, cat!.Slot }.Order());

        await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "bob", ReviewDecision.Approve), CancellationToken.None);
        var last = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "cat", ReviewDecision.Approve), CancellationToken.None);
        Assert.True(last.ItemCompleted);
    }

    [Fact]
    public async Task Requeue_gives_the_slot_back_audited_and_a_skipped_item_is_not_handed_straight_back()
    {
        var (step, items) = await SeedAsync(2);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var filter = new ReviewQueueFilter(StepVersionId: step);

        var claim = await host.Queue.ClaimNextAsync("ann", filter, CancellationToken.None);
        using (AuditScope.Begin("ann"))
        {
            Assert.True(await host.Queue.RequeueAsync(claim!.ItemId, "ann", CancellationToken.None));
        }
        var next = await host.Queue.ClaimNextAsync("ann", filter with { Skip = [claim.ItemId] }, CancellationToken.None);
        Assert.Equal(items[1], next!.ItemId);
        Assert.Equal(items[0], (await host.Queue.ClaimNextAsync("bob", filter, CancellationToken.None))!.ItemId);

        await using var db = fixture.Database.CreateContext();
        var released = await db.ReviewClaims.SingleAsync(c => c.ReviewItemId == claim.ItemId && c.ReviewerId == "ann");
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(ReviewClaim) && a.EntityId == released.Id.ToString());
        Assert.Equal("ann", audit.UserName);
        Assert.Null(JsonNode.Parse(audit.Before!)!["ReleasedAt"]);
        Assert.NotNull(JsonNode.Parse(audit.After!)!["ReleasedAt"]);
    }

    [Fact]
    public async Task A_schema_invalid_correction_is_refused_under_enforce_with_errors_at_their_pointers()
    {
        var (step, items) = await SeedAsync(1, mode: ValidationMode.Enforce);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        await host.Queue.ClaimNextAsync("ann", new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);

        var refused = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Correct, """{"text":"x","extra":1}"""), CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Errors, e => e.InstanceLocation == "/text");
        Assert.Contains(refused.Errors, e => e.InstanceLocation == "/extra" || e.KeywordLocation.Contains("additionalProperties", StringComparison.Ordinal));
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.HumanFeedback.AnyAsync(f => f.ReviewItemId == items[0]));
        Assert.True((await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Correct, """{"text":"fine"}"""), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task Labels_outside_the_label_set_and_ratings_off_the_scale_are_refused()
    {
        var (step, items) = await SeedAsync(1, labels: ["spam", "ok"]);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        await host.Queue.ClaimNextAsync("ann", new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);

        Assert.False((await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Approve, Labels: ["nope"]), CancellationToken.None)).Succeeded);
        Assert.False((await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Approve, Rating: 9), CancellationToken.None)).Succeeded);
        Assert.True((await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Approve, Labels: ["ok"], Rating: 4), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task A_decision_is_stored_redacted_audits_the_item_by_its_reviewer_and_a_refused_one_writes_nothing()
    {
        var (step, items) = await SeedAsync(1, labels: ["spam", "ok"]);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var claim = await host.Queue.ClaimNextAsync("ann", new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);

        var stranger = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "bob", ReviewDecision.Approve), CancellationToken.None);
        Assert.False(stranger.Succeeded);
        Assert.StartsWith("You no longer hold this item", stranger.Message, StringComparison.Ordinal);
        await using (var db = fixture.Database.CreateContext())
        {
            Assert.False(await db.HumanFeedback.AnyAsync(f => f.ReviewItemId == items[0]));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ReviewItem) && a.EntityId == items[0].ToString() && a.Action == AuditAction.Updated));
            Assert.Equal(0, (await db.ReviewItems.SingleAsync(i => i.Id == items[0])).DecisionsCount);
        }

        ReviewSubmitResult saved;
        using (AuditScope.Begin("ann"))
        {
            saved = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Correct, """{"text":"mail jane.doe@example.com"}""",
                ["ok"], 4, "caller gave +44 20 7946 0958", 1234), CancellationToken.None);
        }

        Assert.True(saved.Succeeded, saved.Message);
        Assert.True(saved.ItemCompleted);
        await using var check = fixture.Database.CreateContext();
        // Read as PostgreSQL holds it, not through the entity EF materialises.
        var stored = await check.Database.SqlQuery<string>($"SELECT corrected_ir_json::text || ' ' || comment AS \"Value\" FROM human_feedback WHERE id = {saved.FeedbackId}").SingleAsync();
        Assert.Equal("""{"text": "mail [EMAIL]"} caller gave [PHONE]""", stored);
        var feedback = await check.HumanFeedback.SingleAsync(f => f.Id == saved.FeedbackId);
        Assert.Equal((items[0], "ann", ReviewDecision.Correct, true, 4, 1234), (feedback.ReviewItemId!.Value, feedback.ReviewerId, feedback.Decision, feedback.CorrectionIsValid!.Value, feedback.Rating!.Value, feedback.TimeSpentMs));
        Assert.Equal(["ok"], feedback.Labels);
        Assert.Empty(feedback.CorrectionErrors);
        var item = await check.ReviewItems.SingleAsync(i => i.Id == items[0]);
        Assert.Equal(item.StepRunId, feedback.StepRunId);
        Assert.Equal(item.PipelineRunId, feedback.PipelineRunId);
        Assert.Equal((ReviewItemStatus.Completed, 1), (item.Status, item.DecisionsCount));
        Assert.NotNull((await check.ReviewClaims.SingleAsync(c => c.ReviewItemId == items[0] && c.ReviewerId == "ann")).DecidedAt);
        Assert.Equal(["Comment", "CorrectedIrJson"], (await check.RedactionRecords.Where(r => r.EntityId == feedback.Id).Select(r => r.Field).ToListAsync()).Order());
        var audit = await check.AuditEntries.SingleAsync(a => a.EntityType == nameof(ReviewItem) && a.EntityId == items[0].ToString() && a.Action == AuditAction.Updated);
        Assert.Equal("ann", audit.UserName);
        Assert.Equal(("\"InReview\"", "0"), (JsonNode.Parse(audit.Before!)!["Status"]!.ToJsonString(), JsonNode.Parse(audit.Before!)!["DecisionsCount"]!.ToJsonString()));
        Assert.Equal(("\"Completed\"", "1"), (JsonNode.Parse(audit.After!)!["Status"]!.ToJsonString(), JsonNode.Parse(audit.After!)!["DecisionsCount"]!.ToJsonString()));
        Assert.NotNull(JsonNode.Parse(audit.After!)!["CompletedAt"]);

        var again = await host.Queue.SubmitAsync(new ReviewSubmission(items[0], "ann", ReviewDecision.Approve), CancellationToken.None);
        Assert.Equal("This item is already complete.", again.Message);
        Assert.Equal("There is no such review item.", (await host.Queue.SubmitAsync(new ReviewSubmission(Guid.NewGuid(), "ann", ReviewDecision.Approve), CancellationToken.None)).Message);
        Assert.Equal("There is no such review item.", (await host.Queue.SubmitAsync(new ReviewSubmission(Guid.NewGuid(), "ann", ReviewDecision.Approve, Labels: ["ok"]), CancellationToken.None)).Message);
        Assert.Equal(claim!.ItemId, items[0]);
    }
}
