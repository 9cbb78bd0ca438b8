using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class NumericToleranceMetricTests
{
    [Theory]
    // |10.4 − 10| = 0.4 ≤ 0.5
    [InlineData(10.4, 10, """{"absolute": 0.5}""", 1)]
    // |10.6 − 10| = 0.6 > 0.5
    [InlineData(10.6, 10, """{"absolute": 0.5}""", 0)]
    // |104 − 100| = 4 ≤ 0.05 × 100 = 5
    [InlineData(104, 100, """{"relative": 0.05}""", 1)]
    // |106 − 100| = 6 > 5
    [InlineData(106, 100, """{"relative": 0.05}""", 0)]
    // 6 > 0.01 × 100 = 1 but 6 ≤ 10: either tolerance suffices.
    [InlineData(106, 100, """{"absolute": 10, "relative": 0.01}""", 1)]
    // |−95 − (−100)| = 5 ≤ 0.05 × |−100| = 5
    [InlineData(-95, -100, """{"relative": 0.05}""", 1)]
    // Without tolerances the numbers must be equal.
    [InlineData(3, 3, "{}", 1)]
    [InlineData(3.0001, 3, "{}", 0)]
    public void Numeric_tolerance_accepts_a_difference_within_the_absolute_or_the_relative_bound(
        double actual, double expected, string tolerances, double result)
    {
        var parameters = JsonNode.Parse(tolerances)!.AsObject();
        parameters["pointer"] = "/total";

        var output = new JsonObject { ["total"] = actual }.ToJsonString();
        var truth = new JsonObject { ["total"] = expected }.ToJsonString();
        Assert.Equal(result, MetricRun.Value("numeric_tolerance", output, truth, parameters.ToJsonString()));
    }

    [Fact]
    public void A_number_written_as_a_string_scores_zero_and_a_ground_truth_without_a_number_is_not_applicable()
    {
        var outcome = MetricRun.Of("numeric_tolerance", """{"total": "12"}""", """{"total": 12}""", """{"pointer": "/total"}""");
        Assert.Equal(0, outcome.Value);
        Assert.Equal("the output holds a string at \"/total\", not a number", (string?)outcome.Details!["problem"]);

        Assert.Null(MetricRun.Of("numeric_tolerance", """{"total": 12}""", """{"total": null}""", """{"pointer": "/total"}""").Value);
    }
}
