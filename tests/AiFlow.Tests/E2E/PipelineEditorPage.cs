using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for /pipelines and the pipeline editor, driving the React Flow canvas with the mouse.</summary>
public sealed class PipelineEditorPage
{
    private readonly IPage page;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> flowWarnings = new();

    public PipelineEditorPage(IPage page)
    {
        this.page = page;
        // The island reports what React Flow cannot draw to the console (Editor.tsx): kept for a failure's message.
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("[React Flow", StringComparison.Ordinal)) flowWarnings.Enqueue(message.Text);
        };
    }

    public IPage Page => page;

    /// <summary>The main canvas (the diff view has two more).</summary>
    public ILocator Editor => page.GetByTestId("dag-canvas").GetByTestId("dag-editor");

    public ILocator Pane => Editor.Locator(".react-flow__pane");

    public ILocator Status => page.GetByTestId("version-status");

    public ILocator CanvasMessage => page.GetByTestId("dag-editor-message");

    public ILocator Conflict => page.GetByTestId("conflict-message");

    public ILocator Node(string key) => Editor.Locator($".react-flow__node[data-id='{key}']");

    public async Task CreatePipelineAsync(string key, string name)
    {
        await page.GotoAsync("/pipelines");
        await SignInPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("new-pipeline").ClickAsync();
        await page.FillAsync("#new-pipeline-key", key);
        await page.FillAsync("#new-pipeline-name", name);
        await page.GetByTestId("create-pipeline").ClickAsync();
        // A busy CI machine has taken more than the default 15 s to answer the click, so the navigation gets longer; a
        // refusal shows on the form instead of navigating, and is named rather than left as a bare time-out.
        try
        {
            await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex($"/pipelines/{System.Text.RegularExpressions.Regex.Escape(key)}$"), 45_000);
        }
        catch (PlaywrightException timeout)
        {
            var refusal = string.Join(" ", await page.GetByTestId("create-error").AllInnerTextsAsync());
            throw new InvalidOperationException($"Creating pipeline {key} did not open its editor; the form says: '{refusal}'", timeout);
        }
        await Editor.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
    }

    public async Task OpenAsync(string key)
    {
        await page.GotoAsync($"/pipelines/{key}");
        await SignInPage.WaitForInteractiveAsync(page);
        await Editor.WaitForAsync();
    }

    /// <summary>Drags a step from the palette and drops it at (x, y) inside the canvas.</summary>
    public async Task DropStepAsync(string stepKey, float x, float y)
    {
        // The demo has two published classify versions: the first item is the oldest, v1.
        await page.GetByTestId($"palette-{stepKey}").First.DragToAsync(Pane, new LocatorDragToOptions { TargetPosition = new TargetPosition { X = x, Y = y } });
        await Node(stepKey).WaitForAsync();
    }

    /// <summary>Presses on the source node's bottom handle, moves to the target's top handle and releases, as a user would.</summary>
    public async Task ConnectAsync(string source, string target)
    {
        var (from, to) = await SettledHandlesAsync(source, target);
        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((from.X + to.X) / 2, (from.Y + to.Y) / 2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.MoveAsync(to.X, to.Y, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    public async Task SelectAsync(string key)
    {
        await Node(key).ClickAsync();
        await Assertions.Expect(page.GetByTestId("node-panel-key")).ToHaveTextAsync(key);
    }

    public async Task SetRetriesAsync(int retries)
    {
        await page.FillAsync("#node-retries", retries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.PressAsync("#node-retries", "Tab");
    }

    public async Task SetConditionAsync(string condition)
    {
        await page.FillAsync("#node-condition", condition);
        await page.PressAsync("#node-condition", "Tab");
    }

    /// <summary>
    /// Waits for one drawn edge labelled <paramref name="label"/>. A failure names the edges that are drawn, with their
    /// labels, and the edge count of the editor's state: a mouse connection that joined other handles than meant shows as
    /// another edge, one the canvas holds but has not drawn as a count above the drawn ones.
    /// </summary>
    public async Task ExpectEdgeLabelAsync(string label)
    {
        try
        {
            // The page's default wait, not Expect's 5 s: the cause of the one-in-eight CI failure here is not known yet, and
            // a slow draw on a busy machine is one candidate; the message below tells the others apart.
            await Assertions.Expect(Editor.Locator(".react-flow__edge-text").Filter(new() { HasText = label })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        }
        catch (PlaywrightException missing)
        {
            var drawn = await Editor.Locator(".react-flow__edge").EvaluateAllAsync<string[]>(
                "edges => edges.map(e => `${e.getAttribute('data-testid')} '${e.querySelector('.react-flow__edge-text')?.textContent ?? ''}'`)");
            var inState = $"{await Editor.GetAttributeAsync("data-edges")} [{await Editor.GetAttributeAsync("data-edge-ids")}]";
            var message = string.Join(" ", await CanvasMessage.AllInnerTextsAsync());
            throw new InvalidOperationException(
                $"No drawn edge is labelled '{label}'. Drawn: [{string.Join(", ", drawn)}]; edges in the editor's state: {inState}; canvas message: '{message}'; " +
                $"React Flow said: [{string.Join(" | ", flowWarnings)}].", missing);
        }
    }

    public Task ExpectEdgesAsync(int count) => Assertions.Expect(Editor).ToHaveAttributeAsync("data-edges", count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task ExpectNodesAsync(int count) => Assertions.Expect(Editor).ToHaveAttributeAsync("data-nodes", count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits until each node is drawn below the one before it.</summary>
    public Task ExpectTopToBottomAsync(params string[] keys) =>
        page.WaitForFunctionAsync(
            """
            keys => {
              const boxes = keys.map(k => document.querySelector(`[data-testid=dag-canvas] .react-flow__node[data-id='${k}']`)?.getBoundingClientRect());
              return boxes.every((b, i) => b && (i === 0 || boxes[i - 1].bottom <= b.top));
            }
            """, keys);

    public Task SaveAsync() => page.GetByTestId("save").ClickAsync();

    /// <summary>Publish asks first: the dialog takes optional release notes, then publishes.</summary>
    public async Task PublishAsync(string? releaseNotes = null)
    {
        await page.GetByTestId("publish").ClickAsync();
        var confirm = page.GetByTestId("publish-confirm");
        await confirm.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        if (releaseNotes is not null) await page.FillAsync("#release-notes", releaseNotes);
        await confirm.ClickAsync();
    }

    /// <summary>Activate asks first; this confirms.</summary>
    public async Task ActivateAsync()
    {
        await page.GetByTestId("activate").ClickAsync();
        var confirm = page.GetByTestId("activate-confirm");
        await confirm.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await confirm.ClickAsync();
    }

    /// <summary>
    /// The two handles' centres once two looks 100 ms apart agree: a node that is still being placed or measured (a drop
    /// just before, a busy machine) would otherwise take the press or the release meant for another handle.
    /// </summary>
    private async Task<((float X, float Y) From, (float X, float Y) To)> SettledHandlesAsync(string source, string target)
    {
        ((float X, float Y) From, (float X, float Y) To)? last = null;
        for (var look = 0; look < 50; look++)
        {
            var now = (await Centre(Node(source).Locator(".react-flow__handle-bottom")), await Centre(Node(target).Locator(".react-flow__handle-top")));
            if (now == last) return now;
            last = now;
            await page.WaitForTimeoutAsync(100);
        }
        throw new InvalidOperationException($"The handles of {source} and {target} did not stay in place for 100 ms within 5 s.");
    }

    private static async Task<(float X, float Y)> Centre(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The handle is not visible.");
        return (box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }
}
