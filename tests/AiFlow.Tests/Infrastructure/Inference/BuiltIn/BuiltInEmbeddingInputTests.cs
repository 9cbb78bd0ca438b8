using System.Text.Json;
using AiFlow.Infrastructure.Inference.BuiltIn;

namespace AiFlow.Tests.Infrastructure.Inference.BuiltIn;

public sealed class BuiltInEmbeddingInputTests
{
    private static readonly BuiltInEmbeddingOptions Limits = new() { MaxInputs = 3, MaxInputCharacters = 20 };

    private static (BuiltInEmbeddingInput Input, string? Error) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var input = BuiltInEmbeddingInput.Parse(document.RootElement, Limits, out var error);
        return (input, error);
    }

    [Fact]
    public void A_string_or_an_array_of_strings_is_read_in_order_and_floats_are_the_default()
    {
        var (single, singleError) = Parse("""{"input":"fridge filter","model":"all-MiniLM-L6-v2"}""");
        var (many, manyError) = Parse("""{"input":["a","b"],"encoding_format":"base64"}""");

        Assert.Null(singleError);
        Assert.Equal(["fridge filter"], single.Texts);
        Assert.False(single.Base64);
        Assert.Null(manyError);
        Assert.Equal(["a", "b"], many.Texts);
        Assert.True(many.Base64);
    }

    [Theory]
    [InlineData("""{"input":[]}""", "'input' is an empty array; send at least one text.")]
    [InlineData("""{"input":""}""", "'input' is empty; there is nothing to embed.")]
    [InlineData("""{"input":["ok","  "]}""", "'input[1]' is empty; there is nothing to embed.")]
    [InlineData("""{"input":["a","b","c","d"]}""", "'input' has 4 texts; at most 3 are embedded per request.")]
    [InlineData("""{"input":"123456789012345678901"}""", "'input' has 21 characters; at most 20 are accepted (the model reads 512 tokens).")]
    [InlineData("""{"input":[1,2,3]}""", "'input[0]' is not a string; this endpoint embeds text, not token ids.")]
    [InlineData("""{"input":{"text":"x"}}""", "'input' must be a string or an array of strings.")]
    [InlineData("""{"model":"x"}""", "The model 'x' is not served here; this endpoint serves 'all-MiniLM-L6-v2'.")]
    [InlineData("""{"input":"x","encoding_format":"int8"}""", "'encoding_format' must be \"float\" or \"base64\".")]
    [InlineData("""{"input":"x","dimensions":256}""", "'dimensions' can only be 384 for all-MiniLM-L6-v2.")]
    [InlineData("""{"text":"x"}""", "'input' is required: a string or an array of strings.")]
    [InlineData("""["x"]""", "The request body must be a JSON object.")]
    public void A_request_the_model_cannot_serve_is_refused_with_the_reason(string json, string reason)
    {
        var (input, error) = Parse(json);

        Assert.Equal(reason, error);
        Assert.Empty(input.Texts);
    }
}
