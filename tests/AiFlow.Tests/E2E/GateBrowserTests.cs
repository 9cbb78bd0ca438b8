using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12: in the browser, the gate refuses a regressing pipeline version, names the failing metric and cases, and an override's reason lands in the audit log.</summary>
[Collection(ConsoleCollection.Name)]
public class GateBrowserTests(ConsoleFixture console)
{
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
