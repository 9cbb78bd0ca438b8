using System.Text.RegularExpressions;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 5, the console half: the gate policy and evaluation schedule on the pipeline editor, and one click from a published step version to its evaluation.</summary>
[Collection(ConsoleCollection.Name)]
public partial class GatePolicyBrowserTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_sets_a_gate_rule_sees_the_check_ask_for_an_evaluation_and_starts_it_in_one_click_from_the_step()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 8);
        var (page, gate) = await OpenGateAsync("admin@aiflow.local", setup.PipelineKey);
        await Assertions.Expect(gate.State).ToContainTextAsync("No gate policy yet");

        await gate.AddRuleAsync("exact_match", 0.05);
        await gate.SetMinCasesAsync(5);
        await gate.SaveAsync();
        await Assertions.Expect(gate.State).ToContainTextAsync("Last changed by admin@aiflow.local");
        await using (var db = console.Database.CreateContext())
        {
            var policy = await db.GatePolicies.SingleAsync(p => db.PipelineDefinitions.Any(d => d.Id == p.PipelineDefinitionId && d.Key == setup.PipelineKey));
            Assert.Equal([new GateRule("exact_match", 0.05)], policy.Rules);
            Assert.Equal(5, policy.MinCases);
        }

        await gate.CheckAsync();
        await Assertions.Expect(gate.CheckResult).ToHaveAttributeAsync("data-outcome", "refused");
        await Assertions.Expect(gate.CheckResult).ToContainTextAsync($"Step '{setup.StepKey}' v2 has no completed evaluation on dataset v1");

        await ConsolePage.OpenAsync(page, $"/steps/{setup.StepKey}");
        var evaluate = page.GetByTestId("evaluate-against-active");
        await page.Locator("[data-testid=version-chip][data-number='1']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("version-status")).ToHaveAttributeAsync("data-status", "published");
        await Assertions.Expect(evaluate).ToHaveCountAsync(0);
        await page.Locator("[data-testid=version-chip][data-number='2']").ClickAsync();
        await Assertions.Expect(evaluate).ToHaveTextAsync("Evaluate against v1 (the version the active pipeline uses)");
        await evaluate.ClickAsync();

        await ConsolePage.WaitForUrlAsync(page, EvaluationUrl());
        var evaluation = new EvaluationsUi(page);
        await evaluation.WaitForStatusAsync("Completed");
        await Assertions.Expect(page.GetByTestId("evaluation-target")).ToHaveTextAsync($"step {setup.StepKey} v2");
        await Assertions.Expect(page.GetByTestId("evaluation-baseline")).ToHaveTextAsync("v1");

        // Back on the pipeline the gate now judges that evaluation, and links to it.
        await new PipelineEditorPage(page).OpenAsync(setup.PipelineKey);
        await gate.OpenAsync();
        await gate.CheckAsync();
        await Assertions.Expect(gate.CheckResult.Locator("[data-testid=gate-finding][data-metric=exact_match]")).ToContainTextAsync("regressed from 1");
        await Assertions.Expect(gate.CheckResult.GetByTestId("gate-check-evaluation")).ToHaveAttributeAsync("href", EvaluationUrl());
        // Cases are named by the end of their ids, as the evaluation page names them: the start of a UUIDv7 is the same for a whole import.
        var worst = (await gate.CheckResult.GetByTestId("gate-worst").InnerTextAsync())["worst cases: ".Length..].Split(", ");
        Assert.Equal(5, worst.Distinct().Count());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_policy_shows_each_problem_at_its_row_and_a_save_over_someone_elses_asks_for_a_reload()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 0);
        var gateService = console.App.Services.GetRequiredService<GateService>();
        var (page, gate) = await OpenGateAsync("admin@aiflow.local", setup.PipelineKey);

        await page.GetByTestId("gate-rule-add").ClickAsync();
        await gate.SaveAsync();
        await Assertions.Expect(gate.Rule(0).Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("is not a defined metric");
        await Assertions.Expect(page.Locator("[data-testid=gate-rule-problem][data-index='0']")).ToHaveTextAsync("give a maxRegression, a floor, or both.");
        Assert.Null(await gateService.GetPolicyAsync(setup.PipelineKey, CancellationToken.None));

        // Someone else saves first: this save must not overwrite theirs.
        await gateService.SavePolicyAsync(setup.PipelineKey, [new GateRule("exact_match", null, Floor: 0.9)], 7, null, false, null, "someone@aiflow.local", CancellationToken.None);
        await gate.Rule(0).Locator("[data-testid=gate-rule-remove]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("gate-no-rules")).ToBeVisibleAsync();
        await gate.AddRuleAsync("exact_match", 0.1);
        await gate.SaveAsync();
        await Assertions.Expect(page.GetByTestId("gate-policy-conflict")).ToContainTextAsync("changed by someone@aiflow.local");
        Assert.Equal(0.9, (await gateService.GetPolicyAsync(setup.PipelineKey, CancellationToken.None))!.Rules.Single().Floor);

        await page.GetByTestId("gate-policy-reload").ClickAsync();
        await Assertions.Expect(gate.State).ToContainTextAsync("Last changed by someone@aiflow.local");
        await Assertions.Expect(page.Locator("#gate-rule-floor-0")).ToHaveValueAsync("0.9");
        await Assertions.Expect(page.Locator("#gate-min-cases")).ToHaveValueAsync("7");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_cron_is_shown_at_the_cron_field_and_saves_nothing_while_an_empty_one_removes_the_schedule()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 0);
        var schedules = console.App.Services.GetRequiredService<EvaluationScheduleService>();
        var (page, gate) = await OpenGateAsync("admin@aiflow.local", setup.PipelineKey);

        await gate.SetScheduleAsync("every monday");
        await Assertions.Expect(gate.CronField.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("'every monday' is not a valid Quartz cron expression");
        await Assertions.Expect(page.GetByTestId("schedule-error")).ToHaveCountAsync(0);
        Assert.Null(await schedules.GetAsync(setup.PipelineKey, CancellationToken.None));

        await gate.SetScheduleAsync(CronHintExample);
        await Assertions.Expect(gate.ScheduleState).ToContainTextAsync("Set by admin@aiflow.local");
        await Assertions.Expect(page.GetByTestId("schedule-hint")).ToContainTextAsync("Next runs:");
        Assert.Equal(CronHintExample, (await schedules.GetAsync(setup.PipelineKey, CancellationToken.None))?.Cron);

        await gate.SetScheduleAsync("");
        await Assertions.Expect(gate.ScheduleState).ToHaveTextAsync("No schedule is set.");
        Assert.Null(await schedules.GetAsync(setup.PipelineKey, CancellationToken.None));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ops_reads_the_gate_policy_and_may_check_a_version_but_is_offered_no_save()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 0);
        var saved = await console.App.Services.GetRequiredService<GateService>()
            .SavePolicyAsync(setup.PipelineKey, [new GateRule("exact_match", 0.05, Relative: true)], 3, null, false, null, "admin@aiflow.local", CancellationToken.None);
        Assert.NotNull(saved.Saved);
        var (page, gate) = await OpenGateAsync("ops@aiflow.local", setup.PipelineKey);

        await Assertions.Expect(gate.Panel).ToHaveAttributeAsync("data-readonly", "yes");
        await Assertions.Expect(gate.Rule(0)).ToContainTextAsync("exact_match");
        await Assertions.Expect(page.Locator("#gate-rule-max-0")).ToHaveValueAsync("5");
        await Assertions.Expect(page.Locator("#gate-rule-max-0")).Not.ToBeEditableAsync();
        await Assertions.Expect(page.Locator("#schedule-cron")).Not.ToBeEditableAsync();
        await Assertions.Expect(gate.SaveButton).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("gate-rule-add")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("gate-rule-remove")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("schedule-save")).ToHaveCountAsync(0);

        await gate.CheckAsync();
        await Assertions.Expect(gate.CheckResult).ToHaveAttributeAsync("data-outcome", "refused");
        await Assertions.Expect(gate.CheckResult).ToContainTextAsync("has no dataset to be evaluated on");
        await page.Context.CloseAsync();
    }

    /// <summary>Signs in, opens the pipeline's editor and its Quality gate panel.</summary>
    private async Task<(IPage Page, GatePolicyUi Gate)> OpenGateAsync(string email, string pipelineKey)
    {
        var page = await console.SignedInPageAsync(email, height: 1100);
        await new PipelineEditorPage(page).OpenAsync(pipelineKey);
        var gate = new GatePolicyUi(page);
        await gate.OpenAsync();
        return (page, gate);
    }

    private const string CronHintExample = AiFlow.Web.Features.Pipelines.Editor.CronHint.Example;

    [GeneratedRegex("/evaluations/[0-9a-f-]{36}$")]
    private static partial Regex EvaluationUrl();
}
