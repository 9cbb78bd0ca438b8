using AiFlow.Domain.Steps;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>A number outside its field's range is refused with the allowed range, not clamped to the nearest bound.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class NumberRangeTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_sampling_rate_of_2_stays_on_screen_with_the_allowed_range_and_saving_stores_nothing()
    {
        var key = "sampling-" + Guid.NewGuid().ToString("N")[..6];
        Guid draft;
        await using (var db = console.Database.CreateContext())
        {
            var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Transform };
            var version = new StepVersion
            {
                StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Draft, CreatedAt = DateTimeOffset.UtcNow, ReviewSamplingRate = 0.25,
            };
            db.AddRange(definition, version);
            await db.SaveChangesAsync();
            draft = version.Id;
        }
        var page = await console.SignedInPageAsync("admin@aiflow.local", height: 1000);
        await ConsolePage.OpenAsync(page, $"/steps/{key}");

        var rate = page.Locator("input[data-testid=field-sampling], [data-testid=field-sampling] input").First;
        await rate.FillAsync("2");
        await rate.PressAsync("Tab");

        // Before, the field showed 1 and Save stored 1: the user never learned that 2 was not a rate.
        await Assertions.Expect(page.GetByText("Allowed range: 0 to 1.").First).ToBeVisibleAsync();
        await Assertions.Expect(rate).ToHaveValueAsync("2");
        await page.GetByTestId("save-step-version").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-issues")).ToContainTextAsync("Allowed range: 0 to 1.");
        await using (var db = console.Database.CreateContext())
            Assert.Equal(0.25, (await db.StepVersions.SingleAsync(v => v.Id == draft)).ReviewSamplingRate);

        await rate.FillAsync("0.5");
        await rate.PressAsync("Tab");
        await page.GetByTestId("save-step-version").ClickAsync();
        await Assertions.Expect(page.GetByText("Allowed range: 0 to 1.")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await using (var db = console.Database.CreateContext())
            Assert.Equal(0.5, (await db.StepVersions.SingleAsync(v => v.Id == draft)).ReviewSamplingRate);
    }

    [Fact]
    public async Task A_gate_panel_with_minimum_cases_of_0_refuses_to_save_and_says_why()
    {
        var key = "gate-range-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("a", step, """{"x":1}"""));
        }
        var page = await console.SignedInPageAsync("admin@aiflow.local", height: 1000);
        await ConsolePage.OpenAsync(page, $"/pipelines/{key}");
        var gate = new GatePolicyUi(page);
        await gate.OpenAsync();

        await gate.SetMinCasesAsync(0);
        await Assertions.Expect(gate.Panel.GetByText("Must be at least 1.")).ToBeVisibleAsync();
        await gate.SaveAsync();

        // Before, the field showed 1 and the save stored a policy with 1 minimum case.
        await Assertions.Expect(page.GetByText("Nothing was saved: Must be at least 1.")).ToBeVisibleAsync();
        await using (var db = console.Database.CreateContext())
            Assert.False(await db.GatePolicies.AnyAsync(p => db.PipelineDefinitions.Any(d => d.Id == p.PipelineDefinitionId && d.Key == key)));
    }
}
