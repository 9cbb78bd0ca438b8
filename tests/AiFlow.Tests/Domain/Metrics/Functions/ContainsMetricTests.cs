namespace AiFlow.Tests.Domain.Metrics.Functions;

public class ContainsMetricTests
{
    private const string Output = """{"title": "Café <b>menu</b>", "n": 3}""";

    [Theory]
    // The whole IR is searched as JSON text written without escapes, so accents and markup are found as written.
    [InlineData("""{"value": "é"}""", 1)]
    [InlineData("""{"value": "<b>"}""", 1)]
    [InlineData("""{"value": "\"n\":3"}""", 1)]
    [InlineData("""{"value": "MENU", "pointer": "/title"}""", 0)]
    [InlineData("""{"value": "MENU", "pointer": "/title", "ignoreCase": true}""", 1)]
    [InlineData("""{"value": "title", "pointer": "/title"}""", 0)]
    public void Contains_is_one_when_the_text_at_the_pointer_holds_the_value(string parameters, double expected)
    {
        Assert.Equal(expected, MetricRun.Value("contains", Output, parameters: parameters));
        Assert.Equal(1 - expected, MetricRun.Value("not_contains", Output, parameters: parameters));
    }

    [Fact]
    public void Nothing_at_the_pointer_fails_contains_and_leaves_not_contains_not_applicable()
    {
        const string parameters = """{"value": "x", "pointer": "/body"}""";

        Assert.Equal(0, MetricRun.Of("contains", Output, parameters: parameters).Value);
        Assert.Equal("the output has nothing at \"/body\"", MetricRun.Of("not_contains", Output, parameters: parameters).NotApplicableReason);
    }
}
