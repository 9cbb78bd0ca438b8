using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Reviews;

/// <summary>Issue 12, item 3: dataset versions are immutable snapshots of a step's usable ground truth that evaluations pin.</summary>
public class DatasetTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string TextSchema = """{"type":"object","required":["text"],"properties":{"text":{"type":"string"}}}""";

    [Fact]
    public async Task Curation_snapshots_a_dataset_version_only_when_the_examples_change_and_two_versions_compare_by_example()
    {
        Guid step, definition;
        List<Guid> items;
        await using (var db = fixture.Database.CreateContext())
        {
            step = await TestPipelines.AddHumanReviewStepAsync(db, "ds-" + Guid.NewGuid().ToString("N")[..8], TextSchema, ValidationMode.Log);
            definition = await db.StepVersions.Where(v => v.Id == step).Select(v => v.StepDefinitionId).SingleAsync();
            items = await ReviewSeed.AddItemsAsync(db, step, 3, input: i => $$"""{"q":{{i % 2}}}""");
        }
        await using var host = new ReviewTestHost(fixture.Database, TimeProvider.System);
        var datasets = host.Datasets;

        await DecideAsync(host, items[0], ReviewDecision.Correct, """{"text":"zero"}""");
        await DecideAsync(host, items[1], ReviewDecision.Approve);
        await host.Curator.CurateAsync(CancellationToken.None);
        var first = await datasets.FindAsync(GroundTruthScope.Step, definition, null, CancellationToken.None);
        Assert.Equal((1, 2, "curation"), (first!.Number, first.ExampleCount, first.Source));

        // A pass that changes nothing takes no snapshot; a manual one always does.
        await host.Curator.CurateAsync(CancellationToken.None);
        Assert.Single(await datasets.ListAsync(GroundTruthScope.Step, definition, CancellationToken.None));
        var manual = await datasets.SnapshotAsync(GroundTruthScope.Step, definition, "manual", "admin", "before the prompt change", CancellationToken.None);
        Assert.Equal((2, 2), (manual!.Number, manual.ExampleCount));

        // Input {"q":0} again: a newer version of the first example.
        await DecideAsync(host, items[2], ReviewDecision.Correct, """{"text":"zero, corrected"}""");
        await host.Curator.CurateAsync(CancellationToken.None);
        var third = await datasets.FindAsync(GroundTruthScope.Step, definition, null, CancellationToken.None);
        Assert.Equal((3, 2), (third!.Number, third.ExampleCount));

        var comparison = await datasets.CompareAsync(GroundTruthScope.Step, definition, 1, 3, CancellationToken.None);
        Assert.NotNull(comparison);
        Assert.Empty(comparison.Added);
        Assert.Empty(comparison.Removed);
        Assert.Single(comparison.Changed);
        Assert.Equal(1, comparison.Unchanged);
        Assert.Null(await datasets.CompareAsync(GroundTruthScope.Step, definition, 1, 99, CancellationToken.None));

        // The first snapshot still holds what it held: the superseded version of the changed example.
        await using var check = fixture.Database.CreateContext();
        var held = await check.DatasetVersionItems.Where(i => i.DatasetVersionId == first.Id).Select(i => i.GroundTruthVersionId).ToListAsync();
        var texts = await check.GroundTruthVersions.Where(v => held.Contains(v.Id)).Select(v => v.ExpectedIrJson).ToListAsync();
        Assert.Contains(texts, t => t.Contains("\"zero\"", StringComparison.Ordinal));
    }

    private static async Task DecideAsync(ReviewTestHost host, Guid item, ReviewDecision decision, string? ir = null)
    {
        Assert.NotNull(await host.Queue.ClaimAsync(item, "ds-reviewer", CancellationToken.None));
        var result = await host.Queue.SubmitAsync(new ReviewSubmission(item, "ds-reviewer", decision, ir), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
    }
}
