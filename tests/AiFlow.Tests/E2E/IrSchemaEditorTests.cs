using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class IrSchemaEditorTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_authors_a_schema_in_monaco_sees_pointer_errors_for_a_bad_sample_saves_and_activates_a_new_version()
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, "/ir-schemas");
        var editor = new IrSchemaEditorPage(page);
        await editor.OpenAsync();
        var name = "e2e-invoice-" + Guid.NewGuid().ToString("N")[..6];
        await editor.NewSchemaAsync(name);

        await editor.ReplaceSchemaAsync("""{"type":"objekt","properties":{"total":{"type":"number","minimum":"zero"}}}""");
        await Assertions.Expect(editor.SchemaErrors.GetByTestId("error-pointer").Filter(new() { HasText = "/properties/total/minimum" })).ToHaveCountAsync(1);
        await Assertions.Expect(editor.SchemaStatus).ToHaveAttributeAsync("data-valid", "no");
        await Assertions.Expect(editor.Save).ToBeDisabledAsync();

        await editor.ReplaceSchemaAsync("""
            {"type":"object","required":["customer","total"],
             "properties":{"customer":{"type":"string"},"total":{"type":"number","minimum":0},
                           "lines":{"type":"array","items":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string"}}}}}}
            """);
        await Assertions.Expect(editor.SchemaStatus).ToHaveAttributeAsync("data-valid", "yes");
        await Assertions.Expect(editor.FormField("/customer")).ToHaveAttributeAsync("data-required", "yes");
        await Assertions.Expect(editor.FormField("/lines/*/sku")).ToHaveAttributeAsync("data-type", "string");

        await editor.ReplaceSampleAsync("""{"total": -5, "lines": [{"sku": "a"}, {"qty": 2}]}""");
        var pointers = editor.SampleErrors.GetByTestId("error-pointer");
        await Assertions.Expect(pointers).ToHaveTextAsync(["/", "/total", "/lines/1"], new() { UseInnerText = true });
        await Assertions.Expect(editor.SampleEditor.Locator(".squiggly-error").First).ToBeAttachedAsync();

        await editor.Save.ClickAsync();
        await Assertions.Expect(editor.VersionStatus).ToContainTextAsync("v1 · active");

        await editor.ReplaceSampleAsync("""{"customer": "Ann", "total": 12.5, "lines": [{"sku": "a"}], "paid": true}""");
        await Assertions.Expect(editor.SampleErrors).ToHaveCountAsync(0);
        await page.GetByTestId("infer-schema").ClickAsync();
        await Assertions.Expect(editor.FormField("/paid")).ToHaveAttributeAsync("data-type", "boolean");
        await Assertions.Expect(editor.Save).ToHaveTextAsync("Save as v2");
        await editor.Save.ClickAsync();
        await Assertions.Expect(editor.VersionStatus).ToContainTextAsync("v2 · inactive");
        await page.GetByTestId("activate").ClickAsync();
        await Assertions.Expect(editor.VersionStatus).ToContainTextAsync("v2 · active");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_admins_editing_the_same_version_the_second_to_save_gets_a_conflict_and_may_save_on_top()
    {
        using var api = ReviewRunSupport.Client(console);
        var body = new JsonObject { ["name"] = "e2e-shared-" + Guid.NewGuid().ToString("N")[..6], ["schema"] = new JsonObject { ["type"] = "object" } };
        var created = await api.PostAsJsonAsync(new Uri("/api/ir-schemas", UriKind.Relative), body);
        var schemaId = (await created.Content.ReadFromJsonAsync<JsonNode>())!["schemaId"]!.GetValue<Guid>();
        var alice = await OpenAsAdminAsync(schemaId);
        var bob = await OpenAsAdminAsync(schemaId);

        await alice.ReplaceSchemaAsync("""{"type":"object","required":["a"]}""");
        await bob.ReplaceSchemaAsync("""{"type":"object","required":["b"]}""");
        await Assertions.Expect(alice.Save).ToBeEnabledAsync();
        await alice.Save.ClickAsync();
        await Assertions.Expect(alice.VersionStatus).ToContainTextAsync("v2");
        await Assertions.Expect(bob.Save).ToBeEnabledAsync();
        await bob.Save.ClickAsync();

        var conflict = bob.Page.GetByTestId("conflict-message");
        await Assertions.Expect(conflict).ToContainTextAsync("admin@aiflow.local saved v2");
        await Assertions.Expect(bob.VersionStatus).ToContainTextAsync("v1");
        await bob.Page.GetByTestId("conflict-save-mine").ClickAsync();
        await Assertions.Expect(bob.VersionStatus).ToContainTextAsync("v3");
        await alice.Page.Context.CloseAsync();
        await bob.Page.Context.CloseAsync();
    }

    private async Task<IrSchemaEditorPage> OpenAsAdminAsync(Guid schemaId)
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword);
        var editor = new IrSchemaEditorPage(page);
        await editor.OpenAsync(schemaId);
        return editor;
    }

    [Fact]
    public async Task Ops_see_the_schema_editor_read_only_without_save_or_activate()
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword, "/ir-schemas");
        var editor = new IrSchemaEditorPage(page);
        await editor.OpenAsync();

        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(editor.SchemaEditor).ToHaveAttributeAsync("data-readonly", "yes");
        await Assertions.Expect(editor.Save).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("new-schema")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("infer-schema")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
