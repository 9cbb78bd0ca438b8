using System.Net;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class ReviewQueueTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_reviewer_works_five_items_by_keyboard_and_the_corrections_become_ground_truth_with_provenance()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console, ["good", "bad"]);
        var runs = new List<Guid>();
        for (var i = 0; i < 5; i++) runs.Add(await ReviewRunSupport.StartAsync(client, key, $"case{i}"));
        foreach (var run in runs) await ReviewRunSupport.WaitForAsync(client, run, "WaitingForReview");

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("reviewer@aiflow.local", ConsoleApp.DemoPassword, $"/review?step={step}");
        await SignInPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("review-count-Pending")).ToContainTextAsync("5");
        await page.GetByTestId("review-start").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var panel = new ReviewPanel(page);
        string? previous = null;
        for (var i = 0; i < 5; i++)
        {
            var item = await panel.WaitForItemAsync(previous);
            await Assertions.Expect(panel.PersonalProgress).ToHaveAttributeAsync("data-value", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await panel.PressAsync("?");
            await Assertions.Expect(page.GetByTestId("review-cheatsheet")).ToBeVisibleAsync();
            await panel.PressAsync("?");
            await panel.PressAsync("1");
            await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "yes");

            await panel.CorrectAsync("""{"text":"x"}""");
            await Assertions.Expect(panel.EditorErrors.GetByTestId("error-pointer")).ToHaveTextAsync("/text");
            await panel.CorrectAsync($$"""{"text":"corrected {{i}}"}""");
            await Assertions.Expect(panel.EditorErrors).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("review-diff-entry")).ToHaveTextAsync("Changed /text");
            await Assertions.Expect(page.GetByTestId("review-decision")).ToHaveTextAsync("Correct");

            await panel.PressAsync("Control+Enter");
            previous = item;
        }
        await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex(@"/review\?done=1"));
        await Assertions.Expect(page.GetByTestId("progress-personal")).ToHaveAttributeAsync("data-value", "5");
        await Assertions.Expect(page.GetByTestId("review-count-Completed")).ToContainTextAsync("5");
        foreach (var run in runs) await ReviewRunSupport.WaitForAsync(client, run, "Completed");

        var curate = await client.PostAsync(new Uri("/api/ground-truth/curate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, curate.StatusCode);
        await using (var db = console.Database.CreateContext())
        {
            // Examples belong to the step, not to one of its versions.
            var definition = await db.StepVersions.Where(v => v.Id == step).Select(v => v.StepDefinitionId).SingleAsync();
            await WaitForGroundTruthAsync(client, definition, 5);
            // A client names the step by its key, which the steps API lists; no id needed.
            var stepKey = await db.StepDefinitions.Where(d => d.Id == definition).Select(d => d.Key).SingleAsync();
            var byKey = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(client,
                new Uri($"/api/ground-truth?step={stepKey}&pageSize=10", UriKind.Relative));
            Assert.Equal(5, byKey!["total"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/ground-truth?step=no-such-step", UriKind.Relative))).StatusCode);
            // Each example holds what the review node read: the run input and the upstream draft node's IR.
            var inputs = await db.GroundTruthVersions.Where(v => db.GroundTruthExamples.Any(e => e.Id == v.GroundTruthExampleId && e.ScopeId == definition))
                .Select(v => v.InputJson).ToListAsync();
            Assert.Contains(inputs, i => i.Contains("\"draft\": {\"text\": \"draft case3\"}", StringComparison.Ordinal));
            // Curation snapshots the dataset after its pass over all items: wait for the version holding all five.
            var dataset = await db.DatasetVersions.Where(d => d.ScopeId == definition).OrderByDescending(d => d.Number).FirstOrDefaultAsync();
            for (var i = 0; i < 100 && dataset?.ExampleCount != 5; i++)
            {
                await Task.Delay(100);
                dataset = await db.DatasetVersions.AsNoTracking().Where(d => d.ScopeId == definition).OrderByDescending(d => d.Number).FirstOrDefaultAsync();
            }
            Assert.Equal(("curation", 5), (dataset?.Source, dataset?.ExampleCount));
        }

        await page.GotoAsync("/ground-truth");
        await SignInPage.WaitForInteractiveAsync(page);
        var search = page.Locator("input[data-testid=ground-truth-search], [data-testid=ground-truth-search] input").First;
        await search.FillAsync("corrected 3");
        await search.PressAsync("Enter");
        // The step's example, and the pipeline's example for that run input, which holds the node's decided IR.
        await Assertions.Expect(page.GetByTestId("ground-truth-reference")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("tr", new() { HasText = "pipeline " + key })).ToHaveCountAsync(1);
        await page.Locator("tr", new() { HasText = "check-" + key }).GetByTestId("ground-truth-reference").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ground-truth-expected")).ToContainTextAsync("corrected 3");
        await Assertions.Expect(page.GetByTestId("ground-truth-provenance")).ToContainTextAsync("curation by reviewer@aiflow.local");
        await Assertions.Expect(page.GetByTestId("ground-truth-provenance")).ToContainTextAsync("agreement 1.00");
        await page.Context.CloseAsync();
    }

    private static async Task WaitForGroundTruthAsync(HttpClient client, Guid scope, int count)
    {
        for (var i = 0; i < 150; i++)
        {
            var page = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(client,
                new Uri($"/api/ground-truth?scope={scope}&page=1&pageSize=10", UriKind.Relative));
            if (page!["total"]!.GetValue<int>() >= count) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The curation job did not produce the ground truth within 30 s.");
    }
}
