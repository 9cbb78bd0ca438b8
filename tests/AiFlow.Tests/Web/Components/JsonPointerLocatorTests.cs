using AiFlow.Web.Components.JsonEditor;

namespace AiFlow.Tests.Web.Components;

public class JsonPointerLocatorTests
{
    private const string Json = "{\n  \"name\": \"Ann\",\n  \"lines\": [\n    { \"qty\": -1 },\n    { \"a/b\": true }\n  ]\n}";

    [Fact]
    public void A_scalar_property_is_located_from_its_name_to_the_end_of_its_value()
    {
        var ranges = JsonPointerLocator.Locate(Json, ["/name", "/lines/0/qty"]);

        Assert.Equal(new TextRange(2, 3, 2, 16), ranges["/name"]);
        Assert.Equal(new TextRange(4, 7, 4, 16), ranges["/lines/0/qty"]);
    }

    [Fact]
    public void Containers_are_located_at_their_opening_bracket_and_escaped_names_are_found()
    {
        var ranges = JsonPointerLocator.Locate(Json, ["", "/lines", "/lines/1", "/lines/1/a~1b"]);

        Assert.Equal(new TextRange(1, 1, 1, 2), ranges[""]);
        Assert.Equal(new TextRange(3, 3, 3, 13), ranges["/lines"]);
        Assert.Equal(new TextRange(5, 5, 5, 6), ranges["/lines/1"]);
        Assert.Equal(new TextRange(5, 7, 5, 18), ranges["/lines/1/a~1b"]);
    }

    [Fact]
    public void Columns_count_utf16_units_after_multibyte_characters()
    {
        var ranges = JsonPointerLocator.Locate("{\"é😀\": 1, \"x\": 2}", ["/x"]);

        Assert.Equal(new TextRange(1, 12, 1, 18), ranges["/x"]);
    }

    [Fact]
    public void Missing_pointers_and_text_past_a_syntax_error_are_left_out()
    {
        var ranges = JsonPointerLocator.Locate("{\"a\": 1, \"b\": }", ["/a", "/b", "/nope"]);

        Assert.Equal(["/a"], ranges.Keys);
    }
}
