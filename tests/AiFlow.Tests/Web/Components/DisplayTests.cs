using AiFlow.Web.Components.Shared;

namespace AiFlow.Tests.Web.Components;

public class DisplayTests
{
    [Fact]
    public void Pretty_json_shows_markup_and_accents_as_written_and_leaves_what_is_not_json_alone()
    {
        Assert.Equal("{\n  \"html\": \"<main>Plans & prices</main>\",\n  \"name\": \"Zoë\"\n}",
            Display.PrettyJson("""{"html":"\u003Cmain\u003EPlans & prices</main>","name":"Zoë"}""").ReplaceLineEndings("\n"));
        Assert.Equal("not json {", Display.PrettyJson("not json {"));
    }
}
