using AiFlow.Web.Components.JsonEditor;
using AiFlow.Web.Features.Pipelines.Editor;
using Bunit;

namespace AiFlow.Tests.Web.Pipelines;

public class InputSchemaPanelTests
{
    private static BunitContext NewContext()
    {
        var ctx = MudBunit.NewContext();
        return ctx;
    }

    [Fact]
    public async Task The_input_schema_panel_checks_the_schema_as_it_is_typed_and_reports_each_edit_with_its_validity()
    {
        await using var ctx = NewContext();
        (string Text, bool Valid)? reported = null;
        var panel = ctx.Render<InputSchemaPanel>(p => p
            .Add(x => x.Value, "")
            .Add(x => x.Edited, e => reported = e));
        Assert.Equal("yes", panel.Find("[data-testid=input-schema-status]").GetAttribute("data-valid"));

        var editor = panel.FindComponent<JsonCodeEditor>();
        await panel.InvokeAsync(() => editor.Instance.OnEditorChanged("""{"type":"object","properties":{"subject":{"type":"strng"}}}"""));

        Assert.Equal("no", panel.Find("[data-testid=input-schema-status]").GetAttribute("data-valid"));
        Assert.False(reported?.Valid);
        Assert.Contains("/properties/subject/type", panel.Find("[data-testid=input-schema-errors]").TextContent, StringComparison.Ordinal);

        await panel.InvokeAsync(() => editor.Instance.OnEditorChanged("""{"type":"object","properties":{"subject":{"type":"string"}}}"""));
        Assert.Equal("yes", panel.Find("[data-testid=input-schema-status]").GetAttribute("data-valid"));
        Assert.True(reported?.Valid);
    }
}
