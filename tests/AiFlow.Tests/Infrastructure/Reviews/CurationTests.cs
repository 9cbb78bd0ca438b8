using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Reviews;

public class CurationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string TextSchema = """{"type":"object","required":["text"],"properties":{"text":{"type":"string"}}}""";

    private async Task<(Guid Step, List<Guid> Items)> SeedAsync(int count, int reviewersNeeded = 1, Func<int, string>? input = null)
    {
        await using var db = fixture.Database.CreateContext();
        var step = await TestPipelines.AddHumanReviewStepAsync(db, "cur-" + Guid.NewGuid().ToString("N")[..8], TextSchema, ValidationMode.Enforce, null, reviewersNeeded);
        return (step, await ReviewSeed.AddItemsAsync(db, step, count, reviewersNeeded, input));
    }

    private async Task<Guid> DefinitionOfAsync(Guid stepVersion)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.StepVersions.Where(v => v.Id == stepVersion).Select(v => v.StepDefinitionId).SingleAsync();
    }

    private static async Task DecideAsync(ReviewTestHost host, Guid step, string reviewer, ReviewDecision decision, string? ir = null)
    {
        var claim = await host.Queue.ClaimNextAsync(reviewer, new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);
        var result = await host.Queue.SubmitAsync(new ReviewSubmission(claim!.ItemId, reviewer, decision, ir), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task Curation_is_idempotent_and_a_later_decision_on_the_same_input_supersedes_the_earlier_version()
    {
        var (step, _) = await SeedAsync(2, input: _ => """{"b":1,"a":"same"}""");
        var definition = await DefinitionOfAsync(step);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);

        await DecideAsync(host, step, "ann", ReviewDecision.Correct, """{"text":"fixed"}""");
        var first = await host.Curator.CurateAsync(CancellationToken.None);
        var again = await host.Curator.CurateAsync(CancellationToken.None);
        Assert.Equal(1, first.Created);
        Assert.Equal(0, again.Total);

        await DecideAsync(host, step, "bob", ReviewDecision.Approve);
        var second = await host.Curator.CurateAsync(CancellationToken.None);
        Assert.Equal(1, second.Superseded);

        await using var db = fixture.Database.CreateContext();
        var example = await db.GroundTruthExamples.Include(e => e.Versions).SingleAsync(e => e.ScopeId == definition);
        Assert.Equal(GroundTruthScope.Step, example.Scope);
        // Keyed by what the step read: the run input and (for this first node) no upstream IR.
        Assert.Equal(AiFlow.Domain.Common.CanonicalJson.Sha256("""{"input":{"a":"same","b":1},"ir":{}}"""), example.Reference);
        Assert.All(example.Versions, v => Assert.Equal(step, v.StepVersionId));
        Assert.Equal(2, example.CurrentVersionNumber);
        var v1 = example.Versions.Single(v => v.Number == 1);
        var v2 = example.Versions.Single(v => v.Number == 2);
        Assert.NotNull(v1.SupersededAt);
        Assert.Null(v2.SupersededAt);
        Assert.Equal("""{"text":"fixed"}""", v1.ExpectedIrJson.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("""{"text":"model1"}""", v2.ExpectedIrJson.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(["ann"], v1.Provenance.Reviewers);
        Assert.Single(v1.Provenance.FeedbackIds);
        Assert.NotNull(v1.Provenance.StepRunId);
        Assert.Equal(1, v1.Provenance.Agreement);
        Assert.True(await db.HumanFeedback.Where(f => f.StepRunId != null).AllAsync(f => f.CuratedAt != null));
    }

    [Fact]
    public async Task Reviewers_who_disagree_escalate_the_item_to_an_admin_instead_of_creating_truth()
    {
        var (step, items) = await SeedAsync(1, reviewersNeeded: 2);
        var definition = await DefinitionOfAsync(step);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);

        await DecideAsync(host, step, "ann", ReviewDecision.Approve);
        Assert.Equal(0, (await host.Curator.CurateAsync(CancellationToken.None)).Total);
        await DecideAsync(host, step, "bob", ReviewDecision.Reject);
        var result = await host.Curator.CurateAsync(CancellationToken.None);

        Assert.Equal(1, result.Escalated);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(ReviewItemStatus.Escalated, (await db.ReviewItems.SingleAsync(i => i.Id == items[0])).Status);
        var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(ReviewItem) && a.EntityId == items[0].ToString()).Select(a => a.After).ToListAsync();
        Assert.Contains(audited, after => JsonNode.Parse(after!)!["Status"]!.ToJsonString() == "\"Escalated\"");
        Assert.False(await db.GroundTruthExamples.AnyAsync(e => e.ScopeId == definition));

        var resolved = await host.Decisions.ResolveEscalatedAsync(new ReviewSubmission(items[0], "admin", ReviewDecision.Correct, """{"text":"settled"}"""), CancellationToken.None);
        Assert.True(resolved.Succeeded, resolved.Message);
        Assert.Equal(1, (await host.Curator.CurateAsync(CancellationToken.None)).Created);
        var version = await db.GroundTruthVersions.SingleAsync(v => db.GroundTruthExamples.Any(e => e.Id == v.GroundTruthExampleId && e.ScopeId == definition));
        Assert.Equal(["admin"], version.Provenance.Reviewers);
    }

    [Fact]
    public async Task Jsonl_import_saves_nothing_when_a_line_is_bad_and_names_the_line()
    {
        var (step, _) = await SeedAsync(0);
        var definition = await DefinitionOfAsync(step);
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);

        var bad = await host.GroundTruth.ImportJsonlAsync(definition, """
            {"input":{"q":1},"expected":{"text":"a"}}
            {"input":{"q":2},"expected":{"nope":1}}
            not json
            """, "admin", CancellationToken.None);
        Assert.False(bad.Succeeded);
        Assert.Contains(bad.Errors, e => e.StartsWith("Line 2:", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.StartsWith("Line 3:", StringComparison.Ordinal));
        await using (var db = fixture.Database.CreateContext()) Assert.False(await db.GroundTruthExamples.AnyAsync(e => e.ScopeId == definition));

        var good = await host.GroundTruth.ImportJsonlAsync(definition, "{\"input\":{\"q\":1},\"expected\":{\"text\":\"a\"}}\n{\"input\":{\"q\":2},\"expected\":{\"text\":\"b\"}}\n", "admin", CancellationToken.None);
        Assert.Equal(2, good.Saved);
        var exported = await host.GroundTruth.ExportJsonlAsync(definition, CancellationToken.None);
        Assert.Equal(2, exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"expected\":{\"text\":\"b\"}", exported, StringComparison.Ordinal);
    }
}
