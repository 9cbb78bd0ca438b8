using AiFlow.Web.Features.Runs;

namespace AiFlow.Tests.Web.Runs;

public class InputSkeletonTests
{
    [Theory]
    [InlineData(null, "{\n}")]
    [InlineData("not json", "{\n}")]
    [InlineData("""{"type":"object"}""", "{\n}")]
    [InlineData("""{"type":"object","required":["subject","body"],"properties":{"subject":{"type":"string"},"body":{"type":"string"},"cc":{"type":"string"}}}""",
        "{\n  \"subject\": \"\",\n  \"body\": \"\"\n}")]
    [InlineData("""{"properties":{"n":{"type":"integer"},"tags":{"type":"array"},"ok":{"type":["boolean","null"]},"kind":{"enum":["a","b"]},"p":{"type":"object","required":["x"],"properties":{"x":{"type":"number","default":2}}}}}""",
        "{\n  \"n\": 0,\n  \"tags\": [],\n  \"ok\": false,\n  \"kind\": \"a\",\n  \"p\": {\n    \"x\": 2\n  }\n}")]
    public void A_schema_gives_its_required_properties_each_with_an_empty_value_of_its_type(string? schema, string expected) =>
        Assert.Equal(expected, InputSkeleton.From(schema).ReplaceLineEndings("\n"));
}
