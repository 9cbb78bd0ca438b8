using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class ReviewEditorTests(ConsoleFixture console)
{
    [Fact]
    public async Task Shortcut_keys_typed_in_the_monaco_correction_editor_stay_text_escape_gives_them_back_and_the_draft_survives_a_reload()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console, ["good", "bad"]);
        await ReviewRunSupport.WaitForAsync(client, await ReviewRunSupport.StartAsync(client, key, "keys"), "WaitingForReview");
        var (page, panel) = await StartReviewingAsync(step);
        var item = await panel.WaitForItemAsync();
        // Each label chip names the digit that toggles it.
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveTextAsync("1 · good");
        await Assertions.Expect(page.GetByTestId("label-bad")).ToHaveTextAsync("2 · bad");

        await panel.CorrectAsync("""{"text":"1 2 a r e s ? x"}""");
        await panel.PressAsync("ArrowLeft");
        await panel.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("review-diff-entry")).ToHaveTextAsync("Changed /text");
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "no");
        await Assertions.Expect(page.GetByTestId("review-cheatsheet")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("review-decision")).ToHaveTextAsync("Correct");
        await Assertions.Expect(panel.Root).ToHaveAttributeAsync("data-item", item);

        await panel.PressAsync("Escape");
        await Assertions.Expect(panel.EditorInput).Not.ToBeFocusedAsync();
        await panel.PressAsync("1");
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "yes");

        await page.ReloadAsync();
        await panel.WaitForItemAsync();
        await Assertions.Expect(panel.Editor).ToContainTextAsync("1 2 a r e s ? x");
        await Assertions.Expect(page.GetByTestId("review-diff-entry")).ToHaveTextAsync("Changed /text");
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "yes");

        // A reject keeps no corrected IR: choosing it over an edit says so (the edit went without a word).
        await Assertions.Expect(page.GetByTestId("review-reject-drops-edit")).ToHaveCountAsync(0);
        await panel.PressAsync("Escape");
        await panel.PressAsync("r");
        await Assertions.Expect(page.GetByTestId("review-decision")).ToHaveTextAsync("Reject");
        await Assertions.Expect(page.GetByTestId("review-reject-drops-edit")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_correction_editor_shows_accents_and_apostrophes_as_written_not_as_escapes()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console);
        await ReviewRunSupport.WaitForAsync(client, await ReviewRunSupport.StartAsync(client, key, "Zoë Müller, c'est"), "WaitingForReview");
        var (page, panel) = await StartReviewingAsync(step);
        await panel.WaitForItemAsync();

        // Monaco renders spaces as non-breaking ones: compare the words, not the whitespace.
        await Assertions.Expect(panel.Editor).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"draft\sZoë\sMüller,\sc'est"));
        await Assertions.Expect(panel.Editor).Not.ToContainTextAsync("\\u00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_sees_the_run_and_the_upstream_ir_and_rates_and_comments_by_keyboard()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console);
        await using (var db = console.Database.CreateContext())
        {
            await db.StepVersions.Where(v => v.Id == step).ExecuteUpdateAsync(u => u.SetProperty(v => v.RatingScale, 5));
        }
        var runId = await ReviewRunSupport.StartAsync(client, key, "context");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");
        var (page, panel) = await StartReviewingAsync(step);
        await panel.WaitForItemAsync();

        await Assertions.Expect(page.GetByTestId("review-run")).ToContainTextAsync(runId.ToString()[^8..]);
        // A reviewer gets the run's facts on the panel, not the run page (Admin and Ops only).
        await Assertions.Expect(page.GetByTestId("review-run-link")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=review-upstream-ir][data-node=draft]")).ToContainTextAsync("draft context");
        await Assertions.Expect(page.GetByTestId("review-input")).Not.ToContainTextAsync("draft context");

        await panel.PressAsync("Shift+3");
        await panel.PressAsync("c");
        await Assertions.Expect(page.GetByTestId("review-comment")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("reads well");
        await panel.PressAsync("Escape");
        await panel.PressAsync("a");
        await panel.PressAsync("Control+Enter");

        await using var check = console.Database.CreateContext();
        for (var i = 0; i < 100 && !await check.HumanFeedback.AnyAsync(f => f.PipelineRunId == runId); i++) await Task.Delay(100);
        var feedback = await check.HumanFeedback.SingleAsync(f => f.PipelineRunId == runId);
        Assert.Equal((3, "reads well"), (feedback.Rating, feedback.Comment));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_log_mode_the_panel_refuses_an_invalid_correction_and_a_submit_without_a_decision_and_saves_nothing()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console, mode: AiFlow.Domain.Schemas.ValidationMode.Log);
        var runId = await ReviewRunSupport.StartAsync(client, key, "strict");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");
        var (page, panel) = await StartReviewingAsync(step);
        var item = await panel.WaitForItemAsync();
        // Why the item is queued shows in the panel too (it showed only in the queue list: a failed step had no account at all).
        await using (var db = console.Database.CreateContext())
        {
            var detail = (await db.ReviewItems.SingleAsync(i => i.Id == Guid.Parse(item))).ReasonDetail;
            Assert.False(string.IsNullOrWhiteSpace(detail));
            await Assertions.Expect(page.GetByTestId("review-reason-detail")).ToHaveTextAsync(detail!);
        }

        await panel.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("review-error")).ToContainTextAsync("Choose a decision first");

        // Half-typed JSON is a correction in progress: it stays Correct and is refused as not JSON (the decision used to
        // switch itself off, so Submit asked for a decision and the diff said "no changes").
        await panel.CorrectAsync("""{"broken": """);
        await Assertions.Expect(page.GetByTestId("review-diff")).ToContainTextAsync("not valid JSON");
        await panel.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("review-error")).ToContainTextAsync("not valid JSON");

        await panel.CorrectAsync("""{"text":12345,"bogus_field":1}""");
        await Assertions.Expect(panel.EditorErrors).ToContainTextAsync("/text");
        await panel.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("review-error")).ToContainTextAsync("does not match the IR schema");
        await Assertions.Expect(panel.Root).ToHaveAttributeAsync("data-item", item);
        await Assertions.Expect(panel.EditorInput).ToBeFocusedAsync();

        await using (var db = console.Database.CreateContext())
        {
            Assert.False(await db.HumanFeedback.AnyAsync(f => f.PipelineRunId == runId));
        }
        // Leaving the page gives the slot back at once instead of holding it for the lease.
        await page.GotoAsync(new Uri(console.App.BaseAddress, "/runs").ToString());
        await using var check = console.Database.CreateContext();
        var held = check.ReviewClaims.Where(c => c.ReleasedAt == null && check.ReviewItems.Any(i => i.Id == c.ReviewItemId && i.PipelineRunId == runId));
        for (var i = 0; i < 100 && await held.AnyAsync(); i++) await Task.Delay(100);
        Assert.False(await held.AnyAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>A reviewer signed in on the step's queue, started by keyboard.</summary>
    private async Task<(IPage Page, ReviewPanel Panel)> StartReviewingAsync(Guid step)
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("reviewer@aiflow.local", ConsoleApp.DemoPassword, $"/review?step={step}");
        await SignInPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("review-start").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        return (page, new ReviewPanel(page));
    }
}
