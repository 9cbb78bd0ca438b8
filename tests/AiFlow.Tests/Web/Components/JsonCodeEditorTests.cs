using AiFlow.Web.Components.JsonEditor;
using Bunit;
using MudBlazor.Services;

namespace AiFlow.Tests.Web.Components;

public class JsonCodeEditorTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.JSInterop.Setup<bool>("aiflowJsonEditor.create", _ => true).SetResult(true);
        ctx.Services.AddMudServices();
        return ctx;
    }

    [Fact]
    public async Task Typed_text_is_reported_and_never_written_back_while_a_new_value_from_the_parent_is()
    {
        await using var ctx = NewContext();
        var reported = new List<string>();
        var editor = ctx.Render<JsonCodeEditor>(p => p.Add(x => x.Value, "{}").Add(x => x.ValueChanged, v => reported.Add(v)));

        await editor.InvokeAsync(() => editor.Instance.OnEditorChanged("""{"a":1}"""));
        editor.Render(p => p.Add(x => x.Value, "{}"));
        editor.Render(p => p.Add(x => x.Value, """{"a":1}"""));

        Assert.Equal(["""{"a":1}"""], reported);
        Assert.Empty(ctx.JSInterop.Invocations["aiflowJsonEditor.setValue"]);

        editor.Render(p => p.Add(x => x.Value, """{"b":2}"""));

        Assert.Equal("""{"b":2}""", Assert.Single(ctx.JSInterop.Invocations["aiflowJsonEditor.setValue"]).Arguments[1]);
    }

    [Fact]
    public async Task Errors_are_listed_with_their_pointers_under_the_editor()
    {
        await using var ctx = NewContext();

        var editor = ctx.Render<JsonCodeEditor>(p => p
            .Add(x => x.Value, """{"a": 1}""")
            .Add(x => x.ErrorsTestId, "my-errors")
            .Add(x => x.Errors, [new AiFlow.Domain.Runs.IrValidationError("/a", "/properties/a/type", "must be a string")]));

        Assert.Equal("/a", editor.Find("[data-testid=my-errors] [data-testid=error-pointer]").TextContent);
        Assert.Contains("must be a string", editor.Find("[data-testid=my-errors] li").TextContent, StringComparison.Ordinal);
    }
}
