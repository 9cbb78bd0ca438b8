using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class PipelineEditorTests(ConsoleFixture console)
{
    private const string Admin = "admin@aiflow.local";

    private async Task<PipelineEditorPage> SignedInEditorAsync(string email = Admin)
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(email, ConsoleApp.DemoPassword);
        return new PipelineEditorPage(page);
    }

    [Fact]
    public async Task An_admin_draws_a_pipeline_by_mouse_is_refused_a_cycle_and_saves_publishes_and_activates_it()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Drawn by mouse");

        await editor.DropStepAsync("extract_fields", 300, 60);
        await editor.DropStepAsync("classify", 300, 200);
        await editor.DropStepAsync("draft_reply", 300, 340);
        await editor.ConnectAsync("extract_fields", "classify");
        await editor.ConnectAsync("classify", "draft_reply");
        await editor.ExpectEdgesAsync(2);
        // Typed ports: each node names the IR schema it emits, and each edge carries its source's schema.
        await Assertions.Expect(editor.Node("extract_fields").GetByTestId("dag-node-output")).ToHaveTextAsync("out: extract_fields_ir v1");
        await editor.ExpectEdgeLabelAsync("classify_ir v1");
        await editor.Page.GetByTestId("dag-layout").ClickAsync();
        await editor.ExpectTopToBottomAsync("extract_fields", "classify", "draft_reply");

        await editor.SelectAsync("draft_reply");
        await editor.SetRetriesAsync(2);
        await editor.SetConditionAsync("ir.classify.priority != 'low'");
        // The server redraws the canvas once it has the condition, and a redraw clears the canvas's message: wait for it
        // (the badge comes with it) so the cycle's refusal is not wiped by an update still on its way.
        await Assertions.Expect(editor.Node("draft_reply").GetByTestId("badge-condition")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await editor.ConnectAsync("draft_reply", "extract_fields");
        await Assertions.Expect(editor.CanvasMessage).ToContainTextAsync("cycle", new() { Timeout = 30_000 });
        await editor.ExpectEdgesAsync(2);

        await editor.SaveAsync();
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await editor.PublishAsync();
        await Assertions.Expect(editor.Status).ToContainTextAsync("published");
        await editor.ActivateAsync();
        await Assertions.Expect(editor.Status).ToContainTextAsync("active");

        var download = await editor.Page.RunAndWaitForDownloadAsync(() => editor.Page.GetByTestId("export").ClickAsync());
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("\"condition\": \"ir.classify.priority != 'low'\"", exported, StringComparison.Ordinal);

        await editor.Page.GotoAsync("/pipelines");
        var row = editor.Page.Locator("tr").Filter(new LocatorFilterOptions { HasText = key });
        await Assertions.Expect(row).ToContainTextAsync("v1");
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leaving_an_editor_with_unsaved_changes_asks_first_and_staying_keeps_the_work()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-leave-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Not saved yet");
        await editor.DropStepAsync("extract_fields", 300, 60);
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToBeVisibleAsync();
        var runsLink = editor.Page.Locator("a[href='/runs']").First;

        await runsLink.ClickAsync();
        var dialog = editor.Page.Locator(".mud-dialog").Filter(new() { HasText = "Leave without saving?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Assertions.Expect(editor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/pipelines/{key}$"));
        await Assertions.Expect(editor.Node("extract_fields")).ToBeVisibleAsync();

        await runsLink.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Assertions.Expect(editor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs$"));
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_test_runs_an_unsaved_draft_and_sees_each_nodes_status_ir_validity_and_latency_on_the_canvas()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-run-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Tried before publishing");
        await editor.DropStepAsync("extract_fields", 300, 60);
        await editor.DropStepAsync("classify", 300, 220);
        await editor.ConnectAsync("extract_fields", "classify");
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToBeVisibleAsync();

        await editor.Page.GetByTestId("test-run").ClickAsync();
        await editor.Page.Locator("textarea[data-testid=test-run-input]").FillAsync(
            """{"subject":"Printer on fire","body":"The office printer in room 4 caught fire at 9:15. Urgent."}""");
        await editor.Page.GetByTestId("test-run-start").ClickAsync();

        // The draft was saved first, then run; the overlay follows the engine's events without a reload.
        await Assertions.Expect(editor.Page.GetByTestId("test-run-status")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        foreach (var node in new[] { "extract_fields", "classify" })
        {
            var drawn = editor.Editor.GetByTestId($"dag-node-{node}");
            await Assertions.Expect(drawn).ToHaveAttributeAsync("data-status", "completed");
            await Assertions.Expect(drawn.GetByTestId("dag-node-caption")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^completed · IR valid · \d+ ms$"));
        }
        await Assertions.Expect(editor.Status).ToContainTextAsync("draft");
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_admins_saving_the_same_draft_see_a_conflict_that_names_who_saved()
    {
        var first = await SignedInEditorAsync();
        var key = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await first.CreatePipelineAsync(key, "Contested");
        var second = await SignedInEditorAsync();
        await second.OpenAsync(key);

        await first.DropStepAsync("classify", 300, 80);
        await first.SaveAsync();
        await Assertions.Expect(first.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);

        await second.DropStepAsync("extract_fields", 300, 80);
        await second.SaveAsync();

        await Assertions.Expect(second.Conflict).ToContainTextAsync($"saved by {Admin}");
        await Assertions.Expect(second.Node("extract_fields")).ToBeVisibleAsync();

        await second.Page.GetByTestId("conflict-keep-mine").ClickAsync();
        await Assertions.Expect(second.Conflict).ToHaveCountAsync(0);
        await Assertions.Expect(second.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await first.Page.Context.CloseAsync();
        await second.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_deletes_a_node_in_a_new_draft_with_undo_and_redo_then_diffs_and_restores_the_published_version()
    {
        var editor = await SignedInEditorAsync();
        await editor.OpenAsync("layout-to-module");
        await editor.Page.GetByTestId("new-draft").ClickAsync();
        await Assertions.Expect(editor.Status).ToContainTextAsync("v2 · draft");

        await editor.SelectAsync("validate_artifact");
        await editor.Page.Keyboard.PressAsync("Delete");
        await editor.ExpectNodesAsync(2);
        await editor.Page.Keyboard.PressAsync("Control+z");
        await editor.ExpectNodesAsync(3);
        await editor.Page.Keyboard.PressAsync("Control+Shift+z");
        await editor.ExpectNodesAsync(2);
        await editor.SaveAsync();
        await Assertions.Expect(editor.Page.GetByTestId("unsaved")).ToHaveCountAsync(0);

        await editor.Page.GetByTestId("diff").ClickAsync();
        await editor.Page.GetByTestId("diff-compare").ClickAsync();
        await Assertions.Expect(editor.Page.GetByTestId("diff-removed")).ToHaveTextAsync("− node validate_artifact");
        await Assertions.Expect(editor.Page.Locator("[data-testid=diff-before] .react-flow__node[data-id='validate_artifact'] [data-status=removed]")).ToBeVisibleAsync();

        await editor.Page.GetByTestId("history").ClickAsync();
        await editor.Page.Locator("[data-testid=history-row][data-number='1'] [data-testid=history-restore]").ClickAsync();
        await editor.ExpectNodesAsync(3);
        await Assertions.Expect(editor.Status).ToContainTextAsync("v2 · draft");
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_import_file_is_refused_with_its_reasons_and_the_draft_is_unchanged()
    {
        var editor = await SignedInEditorAsync();
        var key = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreatePipelineAsync(key, "Import target");
        await editor.DropStepAsync("classify", 300, 80);
        await editor.SaveAsync();

        await editor.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes("{\"format\":1,\"dag\":42}"),
        });

        await Assertions.Expect(editor.Page.GetByTestId("import-errors")).ToContainTextAsync("format-1 export");
        await editor.ExpectNodesAsync(1);
        await editor.Page.ReloadAsync();
        await editor.Node("classify").WaitForAsync();
        await editor.ExpectNodesAsync(1);
        await editor.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ops_sees_a_pipeline_read_only_without_palette_or_save()
    {
        var editor = await SignedInEditorAsync("ops@aiflow.local");
        await editor.OpenAsync("ticket-triage");

        await Assertions.Expect(editor.Editor).ToHaveAttributeAsync("data-readonly", "yes");
        await Assertions.Expect(editor.Node("classify")).ToBeVisibleAsync();
        Assert.Equal(0, await editor.Page.GetByTestId("dag-palette").CountAsync());
        Assert.Equal(0, await editor.Page.GetByTestId("save").CountAsync());
        await editor.Page.Context.CloseAsync();
    }
}
