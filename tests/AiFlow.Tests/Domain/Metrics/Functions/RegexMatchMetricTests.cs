namespace AiFlow.Tests.Domain.Metrics.Functions;

public class RegexMatchMetricTests
{
    [Theory]
    [InlineData("""{"code": "ABC-123"}""", "^[A-Z]{3}-\\d+$", 1)]
    [InlineData("""{"code": "abc-123"}""", "^[A-Z]{3}-\\d+$", 0)]
    [InlineData("""{"code": "order ABC-123 shipped"}""", "[A-Z]{3}-\\d+", 1)]
    // Lookarounds and backreferences are beyond the non-backtracking engine and run on the backtracking one.
    [InlineData("""{"code": "x9"}""", "^(?=.*\\d)[a-z]\\d$", 1)]
    [InlineData("""{"code": "abab"}""", "^(ab)\\1$", 1)]
    // A number is matched as its JSON text.
    [InlineData("""{"code": 2024}""", "^\\d{4}$", 1)]
    public void Regex_match_is_one_when_the_pattern_matches_the_text_at_the_pointer(string output, string pattern, double expected)
    {
        var parameters = new System.Text.Json.Nodes.JsonObject { ["pointer"] = "/code", ["pattern"] = pattern }.ToJsonString();

        Assert.Equal(expected, MetricRun.Value("regex_match", output, parameters: parameters));
    }

    [Fact]
    public void Regex_match_without_a_pointer_searches_the_whole_ir_and_a_missing_field_scores_zero()
    {
        Assert.Equal(1, MetricRun.Value("regex_match", """{"a": {"b": "id-42"}}""", parameters: """{"pattern": "\"b\":\"id-\\d+\""}"""));

        var outcome = MetricRun.Of("regex_match", """{"a": 1}""", parameters: """{"pointer": "/b", "pattern": "x"}""");

        Assert.Equal(0, outcome.Value);
        Assert.Equal("the output has nothing at \"/b\"", (string?)outcome.Details!["problem"]);
    }
}
