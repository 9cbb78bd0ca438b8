namespace AiFlow.Tests.Domain.Metrics.Functions;

public class SpanMetricTests
{
    private const string Parameters = """{"items": "/sections", "start": "top", "length": "height"}""";

    [Theory]
    // [0,10) ∪ [5,15) ∪ [20,25) = [0,15) + [20,25) = 15 + 5 = 20 of the range 0..25: coverage 20 ÷ 25 = 0.8;
    // lengths sum to 10 + 10 + 5 = 25, so overlap = (25 − 20) ÷ 25 = 0.2.
    [InlineData("""[{"top": 0, "height": 10}, {"top": 5, "height": 10}, {"top": 20, "height": 5}]""", 0.8, 0.2)]
    // [−5,5) ∪ [10,20) = 20 of the range −5..20 = 25: 0.8; no overlap.
    [InlineData("""[{"top": -5, "height": 10}, {"top": 10, "height": 10}]""", 0.8, 0)]
    // [10,20) alone: the range runs from 0, so the gap 0..10 is uncovered: 10 ÷ 20 = 0.5.
    [InlineData("""[{"top": 10, "height": 10}]""", 0.5, 0)]
    // [0,10) inside [0,20): union 20 of 0..20 = 1; lengths 30, overlap (30 − 20) ÷ 30 = 1/3.
    [InlineData("""[{"top": 0, "height": 20}, {"top": 0, "height": 10}]""", 1, 1.0 / 3)]
    [InlineData("[]", 0, 0)]
    public void Coverage_is_the_covered_share_of_the_range_and_overlap_the_doubly_covered_share_of_the_lengths(
        string sections, double coverage, double overlap)
    {
        var output = $$"""{"sections": {{sections}}}""";

        Assert.Equal(coverage, MetricRun.Value("span_coverage", output, parameters: Parameters), 12);
        Assert.Equal(overlap, MetricRun.Value("span_overlap", output, parameters: Parameters), 12);
    }

    [Fact]
    public void An_item_without_its_numbers_scores_zero_coverage_and_leaves_overlap_not_applicable()
    {
        const string output = """{"sections": [{"top": 0, "height": 10}, {"top": 5}]}""";
        const string problem = "item \"/sections/1\" needs a number 'top' and a number 'height' of at least 0";

        var coverage = MetricRun.Of("span_coverage", output, parameters: Parameters);
        var overlap = MetricRun.Of("span_overlap", output, parameters: Parameters);

        Assert.Equal(0, coverage.Value);
        Assert.Equal(problem, (string?)coverage.Details!["problem"]);
        Assert.Equal(problem, overlap.NotApplicableReason);
    }
}
