namespace AiFlow.Tests.Domain.Metrics.Functions;

public class ExactMatchMetricTests
{
    private const string Expected = """{"a": 1, "b": [1, 2], "c": {"x": "y", "z": null}}""";

    [Theory]
    // Keys in another order and 1.0 for 1 are the same data.
    [InlineData("""{"c": {"z": null, "x": "y"}, "b": [1, 2], "a": 1.0}""", 1)]
    [InlineData("""{"a": 1, "b": [1, 2], "c": {"x": "y", "z": null}, "d": 0}""", 0)]
    // Array order is part of the data.
    [InlineData("""{"a": 1, "b": [2, 1], "c": {"x": "y", "z": null}}""", 0)]
    [InlineData("""{"a": "1", "b": [1, 2], "c": {"x": "y", "z": null}}""", 0)]
    public void Exact_match_compares_canonical_json_ignoring_key_order_and_number_spelling(string output, double expected)
    {
        Assert.Equal(expected, MetricRun.Value("exact_match", output, Expected));
    }

    [Fact]
    public void With_a_pointer_only_that_sub_tree_is_compared()
    {
        const string output = """{"a": 99, "c": {"x": "y", "z": null}}""";

        Assert.Equal(1, MetricRun.Value("exact_match", output, Expected, """{"pointer": "/c"}"""));
        Assert.Equal(0, MetricRun.Value("exact_match", output, Expected, """{"pointer": "/a"}"""));
        Assert.Equal(
            "the ground truth has nothing at \"/q\"",
            MetricRun.Of("exact_match", output, Expected, """{"pointer": "/q"}""").NotApplicableReason);
    }
}
