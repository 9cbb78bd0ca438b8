using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Runs.Execution.Kinds;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

public sealed class CitationCheckTests
{
    private static readonly HashSet<string> Retrieved = ["c1", "c2", "c3"];

    private static List<string> Problems(string ir, string? pointer) =>
        CitationCheck.Check(JsonNode.Parse(ir), pointer is null ? null : JsonValue.Create(pointer), Retrieved).Select(e => e.Message).ToList();

    [Fact]
    public void Citations_that_were_all_retrieved_pass_and_so_does_an_empty_list()
    {
        Assert.Empty(Problems("""{"answer":"x","citations":["c1","c3"]}""", "/citations"));
        Assert.Empty(Problems("""{"answer":"x","citations":[]}""", "/citations"));
        Assert.Empty(Problems("""{"answer":{"sources":["c2"]}}""", "/answer/sources"));
    }

    [Fact]
    public void Each_citation_of_a_chunk_that_was_not_retrieved_is_named_by_its_pointer()
    {
        var errors = CitationCheck.Check(JsonNode.Parse("""{"citations":["c1","c9","c2","zz"]}"""), JsonValue.Create("/citations"), Retrieved);

        Assert.Equal(["/citations/1 cites chunk c9, which was not retrieved.", "/citations/3 cites chunk zz, which was not retrieved."], errors.Select(e => e.Message));
        Assert.Equal(["/citations/1", "/citations/3"], errors.Select(e => e.InstanceLocation));
    }

    [Fact]
    public void A_missing_or_malformed_citation_list_or_declaration_is_an_error_not_a_pass()
    {
        Assert.Equal(["/citations is missing: the IR must list the chunk ids it cites there (an empty array when it cites none)."], Problems("""{"answer":"x"}""", "/citations"));
        Assert.Equal(["/citations is not an array of chunk ids."], Problems("""{"citations":"c1"}""", "/citations"));
        Assert.Equal(["/citations/0 is not a chunk id (a string)."], Problems("""{"citations":[1]}""", "/citations"));
        Assert.Single(Problems("""{"citations":["c1"]}""", "citations"));
        Assert.Single(Problems("""{"citations":["c1"]}""", null));
    }

    [Fact]
    public void Nothing_retrieved_upstream_makes_every_citation_invalid()
    {
        var errors = CitationCheck.Check(JsonNode.Parse("""{"citations":["c1"]}"""), JsonValue.Create("/citations"), new HashSet<string>());

        Assert.Equal(["/citations/0 cites chunk c1, which was not retrieved."], errors.Select(e => e.Message));
    }
}
