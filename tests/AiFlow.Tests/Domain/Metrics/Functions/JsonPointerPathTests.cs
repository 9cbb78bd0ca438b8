using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class JsonPointerPathTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""{"a/b": {"~c": [10, 20]}, "n": null, "list": [{"id": "x"}]}""")!;

    [Theory]
    [InlineData("/a~1b/~0c/1", "20")]
    [InlineData("/list/0/id", "\"x\"")]
    [InlineData("/n", "null")]
    public void Pointers_resolve_with_rfc_6901_escapes_and_tell_null_from_missing(string pointer, string json)
    {
        Assert.True(JsonPointerPath.TryResolve(Document, pointer, out var value));
        Assert.Equal(json, value?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/list/1")]
    [InlineData("/list/01")]
    [InlineData("/list/-")]
    [InlineData("/n/deeper")]
    [InlineData("list")]
    public void Pointers_to_nothing_do_not_resolve(string pointer)
    {
        Assert.False(JsonPointerPath.TryResolve(Document, pointer, out _));
    }

    [Fact]
    public void Leaves_are_scalars_and_empty_containers_in_document_order()
    {
        var leaves = JsonPointerPath.Leaves(JsonNode.Parse("""{"a": {}, "b": [1, {"c/d": null}], "e": []}"""));

        Assert.Equal(["/a", "/b/0", "/b/1/c~1d", "/e"], leaves.Select(l => l.Pointer));
        Assert.Equal(["{}", "1", "null", "[]"], leaves.Select(l => l.Value?.ToJsonString() ?? "null"));
        Assert.Equal([("", (JsonNode?)null)], JsonPointerPath.Leaves(null));
    }
}
