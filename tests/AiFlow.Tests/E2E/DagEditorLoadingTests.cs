using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>The DAG editor bundle (React Flow, ~460 kB) is fetched only by the pages that draw a DAG.</summary>
[Collection(ConsoleCollection.Name)]
public class DagEditorLoadingTests(ConsoleFixture console)
{
    [Fact]
    public async Task The_run_list_does_not_fetch_the_dag_editor_and_the_pipeline_editor_fetches_it_once_and_draws()
    {
        var (page, fetched) = await RunListWatchingAsync("/dist/dag-editor");

        // In-app navigation: the page does not reload, so the bundle must arrive on demand.
        await page.Locator("[data-nav=pipelines]").ClickAsync();
        await page.GetByTestId("pipeline-link").Filter(new LocatorFilterOptions { HasText = "ticket-triage" }).ClickAsync();
        var editor = new PipelineEditorPage(page);
        await Assertions.Expect(editor.Node("classify")).ToBeVisibleAsync();
        await editor.SelectAsync("classify");

        lock (fetched)
        {
            Assert.Single(fetched, url => url.EndsWith(".js", StringComparison.Ordinal));
            Assert.Single(fetched, url => url.EndsWith(".css", StringComparison.Ordinal));
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Monaco_is_fetched_only_when_a_page_shows_a_json_editor()
    {
        var (page, fetched) = await RunListWatchingAsync("/editor/editor.main");

        await page.GotoAsync("/ir-schemas");
        await SignInPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".monaco-editor").First).ToBeVisibleAsync();
        lock (fetched) Assert.Contains(fetched, url => url.EndsWith("editor.main.js", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    /// <summary>Opens the run list as Ops, recording every request whose URL contains <paramref name="fragment"/>; asserts none so far.</summary>
    private async Task<(IPage Page, List<string> Fetched)> RunListWatchingAsync(string fragment)
    {
        var page = await console.SignedInPageAsync("ops@aiflow.local");
        var fetched = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains(fragment, StringComparison.Ordinal)) lock (fetched) fetched.Add(request.Url);
        };
        await page.GotoAsync("/runs");
        await SignInPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("start-run").WaitForAsync();
        lock (fetched) Assert.Empty(fetched);
        return (page, fetched);
    }
}
