using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Runs.Execution.Kinds;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

public sealed class RetrievalParamsTests
{
    private static (RetrievalParams? Params, string? Error) Parse(string json) => (RetrievalParams.Parse(JsonNode.Parse(json)!.AsObject(), out var error), error);

    [Fact]
    public void Every_parameter_is_read_and_top_k_defaults_to_five()
    {
        var document = Guid.NewGuid();
        var (all, error) = Parse($$$"""
            {"collection":"manuals","query":"{{ input.q }}","topK":8,"rerank":true,"efSearch":100,"contextTokens":1500,
             "filters":{"documentIds":["{{{document}}}"],"tags":["fridge"],"licenceUse":"rag"}}
            """);
        var (plain, _) = Parse("""{"collection":"manuals","query":"q"}""");

        Assert.Null(error);
        Assert.Equal(("manuals", "{{ input.q }}", 8, true, 100, 1500), (all!.Collection, all.QueryTemplate, all.TopK, all.Rerank, all.EfSearch, all.ContextTokens));
        Assert.Equal([document], all.Filters!.DocumentIds!);
        Assert.Equal(["fridge"], all.Filters.Tags!);
        Assert.Equal("rag", all.Filters.LicenceUse);
        Assert.Equal((5, false, null, null, null), (plain!.TopK, plain.Rerank, plain.EfSearch, plain.ContextTokens, plain.Filters));
    }

    [Theory]
    [InlineData("""{"query":"q"}""", "A retrieval step needs a 'collection' parameter: the key of the collection to search.")]
    [InlineData("""{"collection":"m","query":"  "}""", "A retrieval step needs a 'query' parameter: a template of the question, e.g. \"{{ input.question }}\".")]
    [InlineData("""{"collection":"m","query":"q","topK":0}""", "'topK' must be a whole number from 1 to 100.")]
    [InlineData("""{"collection":"m","query":"q","topK":"5"}""", "'topK' must be a whole number from 1 to 100.")]
    [InlineData("""{"collection":"m","query":"q","topK":2.5}""", "'topK' must be a whole number from 1 to 100.")]
    [InlineData("""{"collection":"m","query":"q","efSearch":5000}""", "'efSearch' must be a whole number from 1 to 1000.")]
    [InlineData("""{"collection":"m","query":"q","rerank":"yes"}""", "'rerank' must be true or false.")]
    [InlineData("""{"collection":"m","query":"q","filters":[]}""", "'filters' must be an object with documentIds, tags and/or licenceUse.")]
    [InlineData("""{"collection":"m","query":"q","filters":{"colour":"red"}}""", "'filters.colour' is not a filter; use documentIds, tags or licenceUse.")]
    [InlineData("""{"collection":"m","query":"q","filters":{"documentIds":["nope"]}}""", "'filters.documentIds' has 'nope', which is not a document id.")]
    [InlineData("""{"collection":"m","query":"q","filters":{"tags":"fridge"}}""", "'filters.tags' must be an array of strings.")]
    public void A_wrong_parameter_is_refused_by_name(string json, string reason)
    {
        var (parsed, error) = Parse(json);

        Assert.Null(parsed);
        Assert.Equal(reason, error);
    }
}
