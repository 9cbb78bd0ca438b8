using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for /ir-schemas: the schema and sample editors are Monaco, typed into as a user would.</summary>
public sealed class IrSchemaEditorPage(IPage page)
{
    public IPage Page => page;

    public ILocator SchemaEditor => page.GetByTestId("schema-editor");

    public ILocator SchemaErrors => page.GetByTestId("schema-errors");

    public ILocator SchemaStatus => page.GetByTestId("schema-status");

    public ILocator SampleEditor => page.GetByTestId("sample-editor");

    public ILocator SampleErrors => page.GetByTestId("sample-errors");

    public ILocator VersionStatus => page.GetByTestId("version-status");

    public ILocator Save => page.GetByTestId("save-schema");

    public ILocator FormField(string path) => page.GetByTestId("form-preview").Locator($"[data-testid=form-field][data-path='{path}']");

    public async Task OpenAsync(Guid? schemaId = null)
    {
        await page.GotoAsync("/ir-schemas" + (schemaId is { } id ? $"?schema={id}" : ""));
        await SignInPage.WaitForInteractiveAsync(page);
    }

    public async Task NewSchemaAsync(string name)
    {
        await page.GetByTestId("new-schema").ClickAsync();
        await page.FillAsync("#new-schema-name", name);
    }

    public Task ReplaceSchemaAsync(string json) => ReplaceAsync(SchemaEditor, json);

    public Task ReplaceSampleAsync(string json) => ReplaceAsync(SampleEditor, json);

    /// <summary>Focuses Monaco's input, selects everything and types the text in one go (as a paste would).</summary>
    public static async Task ReplaceAsync(ILocator editor, string json)
    {
        var ready = editor.And(editor.Page.Locator("[data-ready=yes]"));
        await ready.WaitForAsync();
        await editor.Locator("textarea").FocusAsync();
        await editor.Page.Keyboard.PressAsync("Control+a");
        await editor.Page.Keyboard.InsertTextAsync(json);
    }
}
