using System.Text.RegularExpressions;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Judges;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 6: an Admin makes and versions a judge in the console, each refusal shown at its field.</summary>
[Collection(ConsoleCollection.Name)]
public class JudgePagesTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_creates_a_judge_in_the_console_is_told_a_schema_without_score_is_refused_and_adds_a_version()
    {
        var page = await console.SignedInPageAsync("admin@aiflow.local", height: 1200);
        var key = $"judge_{Guid.NewGuid():N}"[..20];
        await ConsolePage.OpenAsync(page, "/judges");

        await page.GetByTestId("new-judge").ClickAsync();
        await page.FillAsync("#judge-form-key", key);
        await page.FillAsync("#judge-form-name", "Helpfulness");
        await page.FillAsync("#judge-form-schema", """{"type":"object","properties":{"reasoning":{"type":"string"}},"required":["reasoning"]}""");
        await page.GetByTestId("judge-form-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("judge-form")).ToContainTextAsync("/outputSchema/properties/score: The output schema has no 'score' field");

        await page.FillAsync("#judge-form-schema", JudgeForm.StarterSchema);
        await page.GetByTestId("judge-form-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/judges/{key}$"));
        await Assertions.Expect(page.GetByTestId("judge-version")).ToHaveCountAsync(1);

        await page.GetByTestId("new-judge-version").ClickAsync();
        await page.FillAsync("#judge-form-score-max", "10");
        await page.GetByTestId("judge-form-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("judge-version")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("judge-version").First).ToContainTextAsync("v2 · Rating · scores 1 – 10");
    }

    [Fact]
    public async Task Ops_read_a_judge_but_are_offered_no_way_to_change_it()
    {
        var page = await console.SignedInPageAsync("ops@aiflow.local");
        await ConsolePage.OpenAsync(page, "/judges");

        await Assertions.Expect(page.GetByTestId("judges-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-judge")).ToHaveCountAsync(0);
    }
}
