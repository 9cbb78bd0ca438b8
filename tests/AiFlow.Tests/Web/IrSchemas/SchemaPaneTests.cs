using AiFlow.Domain.Schemas.Validation;
using AiFlow.Web.Components.JsonEditor;
using AiFlow.Web.Features.IrSchemas;
using Bunit;

namespace AiFlow.Tests.Web.IrSchemas;

public class SchemaPaneTests
{
    private const string Schema = """
        {"type":"object","required":["name"],
         "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0},"tags":{"type":"array","items":{"type":"string"}}}}
        """;

    private static BunitContext NewContext()
    {
        var ctx = MudBunit.NewContext();
        return ctx;
    }

    private static List<string> Pointers(IRenderedComponent<SchemaSamplePane> pane) =>
        pane.FindAll("[data-testid=sample-errors] [data-testid=error-pointer]").Select(e => e.TextContent).ToList();

    [Fact]
    public async Task The_sample_pane_lists_each_error_at_its_pointer_and_updates_as_the_sample_is_typed()
    {
        await using var ctx = NewContext();
        var pane = ctx.Render<SchemaSamplePane>(p => p
            .Add(x => x.Schema, JsonSchemaCompiler.Compile(Schema))
            .Add(x => x.Sample, """{"age": -1, "tags": ["ok", 3]}"""));

        Assert.Equal(["/", "/age", "/tags/1"], Pointers(pane).Order());
        Assert.Contains("3 errors", pane.Find("[data-testid=sample-status]").TextContent, StringComparison.Ordinal);

        var editor = pane.FindComponent<JsonCodeEditor>();
        await pane.InvokeAsync(() => editor.Instance.OnEditorChanged("""{"name": "Ann", "age": "old"}"""));

        Assert.Equal(["/age"], Pointers(pane));
        Assert.Contains("integer", pane.Find("[data-testid=sample-errors] li").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_pane_underlines_errors_in_the_editor_at_the_lines_of_their_pointers()
    {
        await using var ctx = NewContext();
        ctx.JSInterop.Setup<bool>("aiflowJsonEditor.create", _ => true).SetResult(true);
        var pane = ctx.Render<SchemaSamplePane>(p => p
            .Add(x => x.Schema, JsonSchemaCompiler.Compile(Schema))
            .Add(x => x.Sample, "{\n  \"name\": \"Ann\",\n  \"age\": -1\n}"));

        var calls = ctx.JSInterop.Invocations["aiflowJsonEditor.setMarkers"];
        var markers = calls[^1].Arguments[1]!;
        var marker = System.Text.Json.JsonSerializer.SerializeToNode(markers)!.AsArray().Single()!;
        Assert.Equal((3, 3, 3, 12), (marker["startLineNumber"]!.GetValue<int>(), marker["startColumn"]!.GetValue<int>(), marker["endLineNumber"]!.GetValue<int>(), marker["endColumn"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_sample_pane_waits_for_a_valid_schema_before_judging_the_sample()
    {
        await using var ctx = NewContext();
        var pane = ctx.Render<SchemaSamplePane>(p => p.Add(x => x.Schema, null).Add(x => x.Sample, """{"age": -1}"""));

        Assert.Empty(Pointers(pane));
        Assert.Contains("Fix the schema", pane.Find("[data-testid=sample-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_pane_shows_meta_schema_errors_at_their_pointers_and_reports_the_check()
    {
        await using var ctx = NewContext();
        SchemaCheck? reported = null;
        var pane = ctx.Render<SchemaSourcePane>(p => p
            .Add(x => x.Value, """{"type":"objekt","properties":{"n":{"minimum":"zero"}}}""")
            .Add(x => x.Checked, c => reported = c));

        var pointers = pane.FindAll("[data-testid=schema-errors] [data-testid=error-pointer]").Select(e => e.TextContent).ToList();
        Assert.Contains("/type", pointers);
        Assert.Contains("/properties/n/minimum", pointers);
        Assert.Equal("no", pane.Find("[data-testid=schema-status]").GetAttribute("data-valid"));
        Assert.False(reported!.IsValid);
        Assert.Null(reported.Compiled);

        await pane.InvokeAsync(() => pane.FindComponent<JsonCodeEditor>().Instance.OnEditorChanged("""{"type":"object"}"""));

        Assert.Empty(pane.FindAll("[data-testid=schema-errors]"));
        Assert.Equal("""{"type":"object"}""", reported.Text);
        Assert.True(reported.IsValid);
        Assert.NotNull(reported.Compiled);
    }
}
