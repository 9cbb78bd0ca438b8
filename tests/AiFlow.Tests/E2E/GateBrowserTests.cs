using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12: in the browser, the gate refuses a regressing pipeline version, names the failing metric and cases, and an override's reason lands in the audit log.</summary>
[Collection(ConsoleCollection.Name)]
public partial class GateBrowserTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_publishes_a_regressing_step_version_evaluates_it_in_the_browser_is_refused_with_the_failing_cases_named_and_overrides_with_an_audited_reason()
    {
        // Step v1 is what the active pipeline uses; v3 is a draft that answers "x" where the truth holds each input's own label.
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 8);
        using var client = ReviewRunSupport.Client(console);
        (await client.PutAsync(new Uri($"/api/pipelines/{setup.PipelineKey}/gate-policy", UriKind.Relative),
            new StringContent("""{"rules":[{"metric":"exact_match","maxRegression":0.05}],"minCases":5}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, $"/steps/{setup.StepKey}");
        await SignInPage.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=version-chip][data-number='3']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("version-status")).ToHaveAttributeAsync("data-status", "draft");
        await page.GetByTestId("publish-step-version").ClickAsync();
        await Assertions.Expect(page.GetByTestId("version-status")).ToHaveAttributeAsync("data-status", "published");
        var evaluate = page.GetByTestId("evaluate-against-active");
        await Assertions.Expect(evaluate).ToHaveTextAsync("Evaluate against v1 (the version the active pipeline uses)");
        await evaluate.ClickAsync();
        await ConsolePage.WaitForUrlAsync(page, EvaluationUrl());
        await new EvaluationsUi(page).WaitForStatusAsync("Completed");
        await Assertions.Expect(page.GetByTestId("evaluation-target")).ToHaveTextAsync($"step {setup.StepKey} v3");

        // The pipeline version that takes the new step version in (the DAG editor's own tests cover drawing it).
        await using (var db = console.Database.CreateContext())
        {
            var pipeline = await db.PipelineDefinitions.SingleAsync(p => p.Key == setup.PipelineKey);
            var stepV3 = await db.StepVersions.SingleAsync(v => v.StepDefinitionId == setup.StepDefinition && v.Number == 3);
            db.PipelineVersions.Add(new PipelineVersion
            {
                PipelineDefinitionId = pipeline.Id, Number = 3, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
                Dag = new PipelineDag { Nodes = [new DagNode { Key = "label", StepVersionId = stepV3.Id }] },
            });
            await db.SaveChangesAsync();
        }
        List<string> caseIds;
        await using (var db = console.Database.CreateContext())
        {
            var evaluationId = Guid.Parse(page.Url[^36..]);
            caseIds = [.. (await db.EvaluationResults.Where(r => r.EvaluationRunId == evaluationId && r.Side == EvaluationSide.Candidate).Select(r => r.GroundTruthExampleId).ToListAsync())
                .Select(AiFlow.Web.Features.Evaluations.EvaluationFormat.ShortId)];
        }

        var editor = new PipelineEditorPage(page);
        await ConsolePage.OpenAsync(page, $"/pipelines/{setup.PipelineKey}");
        await editor.Editor.WaitForAsync();
        await editor.ActivateAsync();
        var refusal = page.GetByTestId("gate-refusal");
        await Assertions.Expect(refusal).ToContainTextAsync("refuses to activate v3");
        await Assertions.Expect(refusal.Locator("[data-testid=gate-finding][data-metric=exact_match]")).ToContainTextAsync($"exact_match of step '{setup.StepKey}' regressed from 1 (v1) to 0 (v3)");
        var named = (await refusal.GetByTestId("gate-worst").First.InnerTextAsync())["worst cases: ".Length..].Split(", ");
        Assert.Equal(5, named.Length);
        Assert.All(named, id => Assert.Contains(id, caseIds));

        const string reason = "Labels are being renamed on purpose this sprint; accepted by the product owner.";
        await page.Locator("input[data-testid=gate-override-reason], [data-testid=gate-override-reason] input").First.FillAsync(reason);
        await page.GetByTestId("gate-override-activate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("gate-override")).ToContainTextAsync(reason);

        await ConsolePage.OpenAsync(page, "/admin/audit");
        await page.Locator("tr", new() { HasText = "PipelineVersion" }).First.GetByTestId("audit-expand").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-after").First).ToContainTextAsync(reason);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/evaluations/[0-9a-f-]{36}$")]
    private static partial Regex EvaluationUrl();

    [Fact]
    public async Task An_admin_meets_the_gate_on_activate_reads_why_and_overrides_it_with_a_reason_that_the_audit_log_shows()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 8);
        using var client = ReviewRunSupport.Client(console);
        static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");
        (await client.PutAsync(new Uri($"/api/pipelines/{setup.PipelineKey}/gate-policy", UriKind.Relative),
            Json("""{"rules":[{"metric":"exact_match","maxRegression":0.05}],"minCases":5}"""))).EnsureSuccessStatusCode();
        var started = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json($$$"""{"target":{"step":"{{{setup.StepKey}}}","version":2}}"""));
        var evaluationId = (await started.Content.ReadFromJsonAsync<JsonNode>())!["evaluationId"]!.GetValue<Guid>();
        await EvaluationSeed.WaitForAsync(client, evaluationId);

        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, $"/pipelines/{setup.PipelineKey}");
        var editor = new PipelineEditorPage(page);
        await SignInPage.WaitForInteractiveAsync(page);
        await editor.Editor.WaitForAsync();
        await editor.ActivateAsync();

        var refusal = page.GetByTestId("gate-refusal");
        await Assertions.Expect(refusal).ToContainTextAsync("refuses to activate v2");
        await Assertions.Expect(refusal.Locator("[data-testid=gate-finding][data-metric=exact_match]")).ToContainTextAsync("regressed from 1");
        await Assertions.Expect(refusal.GetByTestId("gate-worst")).ToContainTextAsync("worst cases");
        await Assertions.Expect(page.GetByTestId("gate-override-activate")).ToBeDisabledAsync();
        await page.Locator("input[data-testid=gate-override-reason], [data-testid=gate-override-reason] input").First.FillAsync("Customer asked for the new labels; accepted knowingly.");
        await page.GetByTestId("gate-override-activate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("gate-override")).ToContainTextAsync("Customer asked for the new labels; accepted knowingly.");

        await page.GotoAsync("/admin/audit");
        await SignInPage.WaitForInteractiveAsync(page);
        var row = page.Locator("tr", new() { HasText = "PipelineVersion" }).First;
        await row.GetByTestId("audit-expand").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-after").First).ToContainTextAsync("Customer asked for the new labels");
        await page.Context.CloseAsync();
    }
}
