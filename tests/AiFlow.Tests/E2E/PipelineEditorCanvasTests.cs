using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>The editor for daily use: a canvas that stays put, node policy visible on the canvas, keyboard adding.</summary>
[Collection(ConsoleCollection.Name)]
public class PipelineEditorCanvasTests(ConsoleFixture console)
{
    private async Task<PipelineEditorPage> SignedInEditorAsync()
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword);
        return new PipelineEditorPage(page);
    }

    [Fact]
    public async Task The_canvas_stays_where_it_is_when_issues_come_and_go()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-strip-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Still canvas");
        var issues = editor.Page.GetByTestId("issues");
        // A new pipeline has no nodes, which is an issue.
        await Assertions.Expect(issues).Not.ToHaveAttributeAsync("data-count", "0", new() { Timeout = 45_000 });
        var withIssue = await editor.Editor.BoundingBoxAsync();

        await editor.DropStepAsync("classify", 300, 120);
        await Assertions.Expect(issues).ToHaveAttributeAsync("data-count", "0", new() { Timeout = 45_000 });
        var withoutIssue = await editor.Editor.BoundingBoxAsync();

        await editor.SelectAsync("classify");
        await editor.SetConditionAsync("ir.nowhere.field == 1");
        await Assertions.Expect(issues).Not.ToHaveAttributeAsync("data-count", "0", new() { Timeout = 45_000 });
        await Assertions.Expect(editor.Page.GetByTestId("issue").First).ToContainTextAsync("condition");
        var issueAgain = await editor.Editor.BoundingBoxAsync();

        Assert.NotNull(withIssue);
        Assert.Equal(withIssue.Y, withoutIssue!.Y);
        Assert.Equal(withIssue.Height, withoutIssue.Height);
        Assert.Equal(withIssue.Y, issueAgain!.Y);
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_canvas_stays_where_it_is_when_an_import_is_refused_and_its_errors_are_dismissed()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-alert-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Still under alerts");
        await editor.DropStepAsync("classify", 300, 120);
        await editor.SaveAsync();
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        var before = await editor.Editor.BoundingBoxAsync();

        await editor.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes("{\"format\":1,\"dag\":42}"),
        });
        var errors = editor.Page.GetByTestId("import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("format-1 export", new() { Timeout = 30_000 });
        var withAlert = await editor.Editor.BoundingBoxAsync();

        await errors.Locator(".mud-alert-close button").ClickAsync();
        await Assertions.Expect(errors).ToHaveCountAsync(0);
        var after = await editor.Editor.BoundingBoxAsync();

        Assert.NotNull(before);
        Assert.Equal(before.Y, withAlert!.Y);
        Assert.Equal(before.Height, withAlert.Height);
        Assert.Equal(before.Y, after!.Y);
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_nodes_condition_retries_timeout_and_continue_on_fail_show_as_badges_with_their_values()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-badges-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Policy on the canvas");
        await editor.DropStepAsync("extract_fields", 300, 60);
        await editor.DropStepAsync("classify", 300, 220);
        await editor.ConnectAsync("extract_fields", "classify");
        await editor.ExpectEdgesAsync(1);
        var node = editor.Node("classify");
        await Assertions.Expect(node.Locator(".aiflow-badge")).ToHaveCountAsync(0);

        await editor.SelectAsync("classify");
        await editor.SetConditionAsync("ir.extract_fields.subject != ''");
        await editor.SetRetriesAsync(3);
        await editor.Page.FillAsync("#node-timeout", "5000");
        await editor.Page.PressAsync("#node-timeout", "Tab");
        await editor.Page.GetByTestId("node-continue").ClickAsync();

        await Assertions.Expect(node.GetByTestId("badge-condition")).ToHaveAttributeAsync("title", "Runs only if: ir.extract_fields.subject != ''", new() { Timeout = 30_000 });
        await Assertions.Expect(node.GetByTestId("badge-retries")).ToHaveAttributeAsync("title", "Retries: 3");
        await Assertions.Expect(node.GetByTestId("badge-retries")).ToHaveTextAsync("↻3");
        await Assertions.Expect(node.GetByTestId("badge-timeout")).ToHaveAttributeAsync("title", "Timeout: 5000 ms");
        await Assertions.Expect(node.GetByTestId("badge-continue")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Node("extract_fields").Locator(".aiflow-badge")).ToHaveCountAsync(0);

        // Saved and opened again, the canvas draws the badges from the stored version.
        await editor.SaveAsync();
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await editor.OpenAsync(key);
        await Assertions.Expect(editor.Node("classify").GetByTestId("badge-retries")).ToHaveTextAsync("↻3", new() { Timeout = 30_000 });
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Params_that_do_not_parse_are_an_issue_and_save_refuses_until_they_do()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-params-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Params on a node");
        await editor.DropStepAsync("classify", 300, 120);
        await editor.SelectAsync("classify");
        await editor.SetRetriesAsync(2);

        // Save said "Saved" and dropped the typed params (the node kept its last good ones), and the strip said publishable.
        await editor.Page.FillAsync("#node-params", """{"temperature": 0.3, "x": """);
        await editor.Page.PressAsync("#node-params", "Tab");
        await Assertions.Expect(editor.Page.GetByTestId("params-error")).ToContainTextAsync("Not valid JSON");
        await Assertions.Expect(editor.Page.GetByTestId("issues")).ToContainTextAsync("params are not saved until they parse");
        await editor.SaveAsync();
        await Assertions.Expect(editor.Page.GetByText("Nothing was saved: the params of 'classify' are not valid JSON.")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToBeVisibleAsync();

        await editor.Page.FillAsync("#node-params", """{"temperature": 0.3}""");
        await editor.Page.PressAsync("#node-params", "Tab");
        await Assertions.Expect(editor.Page.GetByTestId("issues-none")).ToBeVisibleAsync();
        await editor.SaveAsync();
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await using var db = console.Database.CreateContext();
        var dag = (await db.PipelineVersions.SingleAsync(v => v.PipelineDefinition!.Key == key)).Dag;
        Assert.Equal(0.3, dag.Nodes.Single().Params!["temperature"]!.GetValue<double>());
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_condition_is_completed_at_the_caret_in_the_middle_of_its_text_and_the_rest_is_kept()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-caret-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Completion mid-text");
        await editor.DropStepAsync("extract_fields", 300, 60);
        await editor.DropStepAsync("classify", 300, 220);
        await editor.ConnectAsync("extract_fields", "classify");
        await editor.ExpectEdgesAsync(1);
        await editor.SelectAsync("classify");

        var field = editor.Page.Locator("#node-condition");
        await field.FillAsync("ir.extract_fields.cu == 'a'");
        // The caret back to just after "cu", mid-text: the end of the text (after 'a') completes nothing.
        for (var i = 0; i < " == 'a'".Length; i++) await field.PressAsync("ArrowLeft");
        var suggestion = editor.Page.GetByTestId("condition-suggestion").Filter(new LocatorFilterOptions { HasText = "ir.extract_fields.customer" });
        await suggestion.ClickAsync(new LocatorClickOptions { Timeout = 30_000 });

        await Assertions.Expect(field).ToHaveValueAsync("ir.extract_fields.customer == 'a'", new() { Timeout = 30_000 });
        // The caret is put just after the completed path, so typing goes on there.
        await editor.Page.WaitForFunctionAsync("n => document.querySelector('#node-condition').selectionStart === n", "ir.extract_fields.customer".Length,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Steps_are_added_from_the_palette_by_keyboard_and_by_click_each_at_a_free_place()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-keys-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Added without dragging");

        var item = editor.Page.GetByTestId("palette-extract_fields").First;
        await item.FocusAsync();
        await editor.Page.Keyboard.PressAsync("Enter");
        await editor.Node("extract_fields").WaitForAsync(new() { Timeout = 30_000 });
        await editor.Page.Keyboard.PressAsync("Enter");
        await editor.Node("extract_fields_2").WaitForAsync(new() { Timeout = 30_000 });
        await editor.Page.GetByTestId("palette-classify").First.ClickAsync();
        await editor.Node("classify").WaitForAsync(new() { Timeout = 30_000 });
        await editor.ExpectNodesAsync(3);
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToBeVisibleAsync();

        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var node in new[] { "extract_fields", "extract_fields_2", "classify" })
        {
            boxes.Add((await editor.Node(node).BoundingBoxAsync())!);
        }
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
                Assert.False(overlap, $"Nodes {i} and {j} overlap.");
            }
        }
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Publishing_asks_for_release_notes_shown_in_history_and_the_diff_gives_old_and_new_values()
    {
        var editor = await SignedInEditorAsync();
        var page = editor.Page;
        var key = "e2e-notes-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Published with notes");
        await editor.DropStepAsync("classify", 300, 120);
        await editor.SaveAsync();
        await Assertions.Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);

        // Cancelling the dialog publishes nothing.
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("publish-cancel").ClickAsync();
        await Assertions.Expect(editor.Status).ToContainTextAsync("draft");

        await editor.PublishAsync("First cut: classify only.");
        await Assertions.Expect(editor.Status).ToContainTextAsync("published", new() { Timeout = 30_000 });

        // Activate asks too; cancelling leaves the version inactive.
        await page.GetByTestId("activate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("activate-confirm")).ToBeVisibleAsync();
        await page.GetByTestId("activate-cancel").ClickAsync();
        await Assertions.Expect(editor.Status).Not.ToContainTextAsync("active");

        await page.GetByTestId("new-draft").ClickAsync();
        await Assertions.Expect(editor.Status).ToContainTextAsync("v2 · draft");
        await editor.SelectAsync("classify");
        await editor.SetRetriesAsync(2);
        await editor.SaveAsync();
        await Assertions.Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);

        await page.GetByTestId("history").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=history-row][data-number='1'] [data-testid=history-release-notes]")).ToHaveTextAsync("First cut: classify only.");

        await page.GetByTestId("diff").ClickAsync();
        await page.GetByTestId("diff-compare").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=diff-changed][data-node=classify] [data-testid=diff-value][data-field=Retries]")).ToHaveTextAsync("retries: 0 → 2");

        // The minimap is there on request only, so it never sits on nodes unasked.
        await Assertions.Expect(editor.Editor.Locator(".react-flow__minimap")).ToHaveCountAsync(0);
        await editor.Editor.GetByTestId("dag-minimap").ClickAsync();
        await Assertions.Expect(editor.Editor.Locator(".react-flow__minimap")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
