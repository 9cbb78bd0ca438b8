using AiFlow.Domain.Inference;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs;
using AiFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>
/// At 1280×800, a laptop's screen, the busiest pages keep every control in view: nothing is clipped or pushed past the
/// right edge (each element lies inside the viewport and inside the box that scrolls it).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LayoutAt1280Tests(ConsoleFixture console)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private Task<IPage> AdminAt1280Async() => console.SignedInPageAsync("admin@aiflow.local", width: 1280, height: 800);

    [Fact]
    public async Task The_pipeline_editor_toolbar_and_the_gate_panel_switch_fit_1280_pixels()
    {
        var key = Unique("wide");
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Transform("a", step, """{"x":1}"""));
        }
        var page = await AdminAt1280Async();
        await ConsolePage.OpenAsync(page, $"/pipelines/{key}");

        // The toolbar is the row holding History; its buttons ran past the right edge.
        await ViewportBoxes.AssertInsideAsync(page, page.GetByTestId("history").Locator("xpath=..").Locator("button"), "toolbar button");
        await page.GetByTestId("gate-policy").ClickAsync();
        var panel = page.GetByTestId("gate-policy-panel");
        await Assertions.Expect(page.GetByTestId("gate-end-to-end")).ToBeVisibleAsync();
        await ViewportBoxes.AssertInsideAsync(page, page.Locator("[data-testid=gate-end-to-end], [data-testid=gate-end-to-end] *"), "gate switch", panel);
    }

    [Fact]
    public async Task The_run_pages_dag_shows_all_three_columns_at_1280_pixels()
    {
        var key = Unique("three");
        await using (var db = console.Database.CreateContext())
        {
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("first", step, """{"x":1}"""),
                TestPipelines.Transform("second", step, """{"x":2}""", "first"),
                TestPipelines.Transform("third", step, """{"x":3}""", "second"));
        }
        var launched = await console.App.Services.GetRequiredService<RunLauncher>().LaunchAsync(key, "{}", RunTrigger.Api, "test", null, CancellationToken.None);
        var page = await AdminAt1280Async();
        await ConsolePage.OpenAsync(page, $"/runs/{launched.RunId}");

        await Assertions.Expect(page.GetByTestId("dag-node")).ToHaveCountAsync(3);
        await ViewportBoxes.AssertInsideAsync(page, page.GetByTestId("dag-node"), "DAG node", page.GetByTestId("dag"));
    }

    [Fact]
    public async Task The_endpoints_table_keeps_each_rows_actions_in_view_at_1280_pixels()
    {
        await using (var db = console.Database.CreateContext())
        {
            db.InferenceEndpoints.Add(new InferenceEndpoint
            {
                Name = Unique("long-url"), Kind = EndpointKind.Chat, Provider = EndpointProvider.OpenAiCompatible,
                BaseUrl = "https://inference-gateway.eu-central-1.internal.example.com/v1/deployments/very-long-deployment-name-for-a-test",
                Model = "meta-llama/Llama-3.1-70B-Instruct-Turbo-with-a-long-suffix", LastErrorAt = DateTimeOffset.UtcNow,
                LastError = "HTTP 503 Service Unavailable: upstream connect error or disconnect/reset before headers; reset reason: overflow",
            });
            await db.SaveChangesAsync();
        }
        var page = await AdminAt1280Async();
        await ConsolePage.OpenAsync(page, "/endpoints");

        var table = page.GetByTestId("endpoints-table");
        await Assertions.Expect(table.GetByTestId("endpoint-delete").First).ToBeVisibleAsync();
        await ViewportBoxes.AssertInsideAsync(page, table.Locator("[data-testid=endpoint-test], [data-testid=endpoint-edit], [data-testid=endpoint-delete]"),
            "endpoint action", table.Locator(".mud-table-container"));
    }
}
