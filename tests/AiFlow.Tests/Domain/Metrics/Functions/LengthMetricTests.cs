namespace AiFlow.Tests.Domain.Metrics.Functions;

public class LengthMetricTests
{
    private const string Output = """{"summary": "héllo  wörld 👍🏽", "tags": ["a", "b", "c"], "count": 3}""";

    [Theory]
    // h é l l o ␣ ␣ w ö r l d ␣ 👍🏽: 14 characters as a reader counts them (the emoji with its skin tone is one).
    [InlineData("""{"pointer": "/summary"}""", 14)]
    [InlineData("""{"pointer": "/summary", "unit": "chars"}""", 14)]
    // "héllo", "wörld", "👍🏽": runs of non-space, the double space separating like one.
    [InlineData("""{"pointer": "/summary", "unit": "words"}""", 3)]
    [InlineData("""{"pointer": "/tags"}""", 3)]
    [InlineData("""{"pointer": "/tags", "unit": "items"}""", 3)]
    public void Length_counts_characters_or_words_of_a_string_and_items_of_an_array(string parameters, double expected)
    {
        Assert.Equal(expected, MetricRun.Value("length", Output, parameters: parameters));
    }

    [Theory]
    [InlineData("""{"pointer": "/summary", "unit": "items"}""", "\"/summary\" holds a string, which has no length in items")]
    [InlineData("""{"pointer": "/tags", "unit": "words"}""", "\"/tags\" holds an array, which has no length in words")]
    [InlineData("""{"pointer": "/count"}""", "\"/count\" holds a number, which has no length in chars or items")]
    [InlineData("""{"pointer": "/title"}""", "the output has nothing at \"/title\"")]
    public void A_value_without_the_asked_length_scores_zero_and_says_why(string parameters, string problem)
    {
        var outcome = MetricRun.Of("length", Output, parameters: parameters);

        Assert.Equal(0, outcome.Value);
        Assert.Equal(problem, (string?)outcome.Details!["problem"]);
    }
}
