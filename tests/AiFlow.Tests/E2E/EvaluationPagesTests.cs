using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 4, the console half: the evaluation list, the New evaluation dialog and the evaluation page.</summary>
[Collection(ConsoleCollection.Name)]
public class EvaluationPagesTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_starts_an_evaluation_of_a_regressing_version_and_reads_its_losses_side_by_side()
    {
        var (key, _) = await EvaluationSeed.AddStepWithTruthAsync(console, 30);
        var (withoutTruth, _) = await EvaluationSeed.AddStepWithTruthAsync(console, 0);
        var page = await console.SignedInPageAsync("admin@aiflow.local");
        var ui = new EvaluationsUi(page);
        await ui.OpenAsync("/evaluations");
        await ui.OpenNewEvaluationAsync();

        // A refusal is shown at the field it is about, not as a general error.
        await ui.PickStepAsync(withoutTruth);
        await ui.SubmitNewEvaluationAsync();
        await Assertions.Expect(ui.NewEvaluationForm).ToContainTextAsync($"Step '{withoutTruth}' has no dataset yet");
        await Assertions.Expect(page.GetByTestId("new-evaluation-error")).ToHaveCountAsync(0);

        await ui.PickStepAsync(key);
        await ui.PickVersionAsync("v2");
        await ui.SubmitNewEvaluationAsync();

        await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/evaluations/[0-9a-f-]{36}$"));
        await ui.WaitForStatusAsync("Completed");
        await Assertions.Expect(page.GetByTestId("evaluation-target")).ToHaveTextAsync($"step {key} v2");
        await Assertions.Expect(page.GetByTestId("evaluation-baseline")).ToHaveTextAsync("v1");
        await Assertions.Expect(ui.Progress).ToHaveCountAsync(0);
        var exact = ui.Aggregate("exact_match");
        await Assertions.Expect(exact).ToHaveAttributeAsync("data-delta", "-1");
        await Assertions.Expect(exact.GetByTestId("evaluation-aggregate-delta")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-error-text"));
        await Assertions.Expect(exact).ToContainTextAsync("0 / 30 / 0");

        await ui.FilterOutcomeAsync("losses");
        await Assertions.Expect(page.GetByTestId("evaluation-outcome-losses")).ToHaveAttributeAsync("data-selected", "yes");
        await Assertions.Expect(ui.Cases).ToHaveCountAsync(25);
        await ui.Cases.First.ClickAsync();

        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-expected")).ToContainTextAsync("\"label\": \"a");
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-candidate")).ToContainTextAsync("\"label\": \"wrong\"");
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-baseline")).ToContainTextAsync("\"label\": \"a");
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-diff-entry")).ToContainTextAsync("Changed /label: \"a");
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-diff-entry")).ToContainTextAsync("→ \"wrong\"");
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-details")).ToContainTextAsync("field_f1");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ops_follows_a_running_evaluation_live_and_may_cancel_it_but_is_offered_no_new_evaluation()
    {
        var (key, definition) = await EvaluationSeed.AddStepWithTruthAsync(console, 2);
        // A running evaluation with no job behind it: the test moves its progress, as the executor would.
        var evaluation = new EvaluationRun { TargetKind = EvaluationTargetKind.Step, TargetKey = key, TargetVersion = 2, BaselineVersion = 1, Status = EvaluationStatus.Running };
        await using (var db = console.Database.CreateContext())
        {
            var dataset = await db.DatasetVersions.SingleAsync(d => d.Scope == GroundTruthScope.Step && d.ScopeId == definition);
            (evaluation.DatasetVersionId, evaluation.DatasetNumber) = (dataset.Id, dataset.Number);
            evaluation.StepVersionId = await db.StepVersions.Where(v => v.StepDefinitionId == definition && v.Number == 2).Select(v => v.Id).SingleAsync();
            (evaluation.CasesTotal, evaluation.CasesDone, evaluation.CostUsd) = (10, 3, 0.000015m);
            (evaluation.CreatedAt, evaluation.StartedAt) = (DateTimeOffset.UtcNow.AddSeconds(-7), DateTimeOffset.UtcNow.AddSeconds(-6));
            evaluation.Skipped = [new SkippedCase(Guid.NewGuid(), "The expected IR fails the candidate's IR schema: /label Value is \"integer\" but should be \"string\"")];
            db.EvaluationRuns.Add(evaluation);
            await db.SaveChangesAsync();
        }
        var page = await console.SignedInPageAsync("ops@aiflow.local");
        var ui = new EvaluationsUi(page);

        await ui.OpenAsync("/evaluations");
        await Assertions.Expect(page.Locator($"a[href='/evaluations/{evaluation.Id}']")).ToBeVisibleAsync();
        await Assertions.Expect(ui.NewEvaluationButton).ToHaveCountAsync(0);

        await page.Locator($"a[href='/evaluations/{evaluation.Id}']").ClickAsync();
        await Assertions.Expect(ui.Progress).ToHaveAttributeAsync("data-done", "3");
        await Assertions.Expect(ui.Progress).ToHaveAttributeAsync("data-total", "10");
        await Assertions.Expect(ui.Progress).ToContainTextAsync("3 of 10 cases done");
        await Assertions.Expect(ui.Progress).ToContainTextAsync("left");
        await Assertions.Expect(page.GetByTestId("evaluation-cost")).ToHaveTextAsync("$0.000015");
        await Assertions.Expect(page.GetByTestId("evaluation-skipped")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.GetByTestId("evaluation-skipped-case")).ToContainTextAsync("fails the candidate's IR schema");

        await MoveAsync(evaluation.Id, e => e.SetProperty(x => x.CasesDone, 6).SetProperty(x => x.CasesErrored, 1));
        await Assertions.Expect(ui.Progress).ToHaveAttributeAsync("data-done", "6");
        await Assertions.Expect(page.GetByTestId("evaluation-errored")).ToHaveTextAsync("1");

        await page.GetByTestId("evaluation-cancel").ClickAsync();
        await using (var db = console.Database.CreateContext())
        {
            for (var i = 0; i < 50 && !await db.EvaluationRuns.AnyAsync(e => e.Id == evaluation.Id && e.CancelRequested); i++) await Task.Delay(100);
            Assert.True(await db.EvaluationRuns.AnyAsync(e => e.Id == evaluation.Id && e.CancelRequested));
        }
        await MoveAsync(evaluation.Id, e => e.SetProperty(x => x.Status, EvaluationStatus.Cancelled).SetProperty(x => x.FinishedAt, DateTimeOffset.UtcNow));
        await ui.WaitForStatusAsync("Cancelled", 10_000);
        await Assertions.Expect(ui.Progress).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("evaluation-cancel")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private async Task MoveAsync(Guid id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<EvaluationRun>> change)
    {
        await using var db = console.Database.CreateContext();
        await db.EvaluationRuns.Where(e => e.Id == id).ExecuteUpdateAsync(change);
    }
}
