using AiFlow.Tests.Support;
using AiFlow.Web.Features.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>The review settings a step version's reviewers see: labels are short chips, and a refused save changes nothing.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReviewSettingsServiceTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_label_longer_than_a_chip_or_too_many_labels_are_refused_and_nothing_is_saved()
    {
        Guid step;
        await using (var db = console.Database.CreateContext()) step = await TestPipelines.AddTransformStepAsync(db, "labels-" + Guid.NewGuid().ToString("N")[..6]);
        var service = ActivatorUtilities.CreateInstance<ReviewSettingsService>(console.App.Services);
        var row = (await service.ListAsync(CancellationToken.None)).Single(r => r.Id == step);

        // A 300-character label was taken, and shown to every reviewer as a chip.
        row.Labels = "good, " + new string('x', ReviewSettingsService.MaxLabelLength + 1);
        Assert.Contains($"longer than {ReviewSettingsService.MaxLabelLength} characters", await service.SaveAsync(row, CancellationToken.None), StringComparison.Ordinal);
        row.Labels = string.Join(",", Enumerable.Range(0, ReviewSettingsService.MaxLabels + 1).Select(i => $"l{i}"));
        Assert.Equal($"At most {ReviewSettingsService.MaxLabels} labels.", await service.SaveAsync(row, CancellationToken.None));
        await using (var db = console.Database.CreateContext()) Assert.Empty((await db.StepVersions.SingleAsync(v => v.Id == step)).LabelSet);

        row.Labels = "good, bad";
        Assert.Null(await service.SaveAsync(row, CancellationToken.None));
        await using (var db = console.Database.CreateContext()) Assert.Equal(["good", "bad"], (await db.StepVersions.SingleAsync(v => v.Id == step)).LabelSet);
    }
}
