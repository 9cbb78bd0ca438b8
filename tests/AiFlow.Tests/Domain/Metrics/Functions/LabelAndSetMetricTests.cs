using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class LabelAndSetMetricTests
{
    [Theory]
    [InlineData("""{"category": "Billing"}""", """{"category": "Billing"}""", "{}", 1)]
    [InlineData("""{"category": "Billing"}""", """{"category": "billing"}""", "{}", 0)]
    [InlineData("""{"category": "Billing"}""", """{"category": "billing"}""", """{"ignoreCase": true}""", 1)]
    [InlineData("""{"category": 4}""", """{"category": 4}""", "{}", 1)]
    public void Label_accuracy_compares_the_labels_at_the_pointer_as_text(string output, string truth, string options, double expected)
    {
        var parameters = JsonNode.Parse(options)!.AsObject();
        parameters["pointer"] = "/category";

        Assert.Equal(expected, MetricRun.Value("label_accuracy", output, truth, parameters.ToJsonString()));
    }

    [Fact]
    public void Set_f1_treats_arrays_as_sets_and_lists_what_is_missing_and_extra()
    {
        // A = {a, b, c} (c twice counts once), E = {b, c, d, e}: |A ∩ E| = 2, P = 2/3, R = 2/4,
        // F1 = 2PR ÷ (P + R) = 2 · 2 ÷ (3 + 4) = 4/7.
        var outcome = MetricRun.Of("set_f1", """{"tags": ["a", "b", "c", "c"]}""", """{"tags": ["b", "c", "d", "e"]}""", """{"pointer": "/tags"}""");

        Assert.Equal(4.0 / 7, outcome.Value!.Value, 12);
        Assert.Equal(["d", "e"], outcome.Details!["missing"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["a"], outcome.Details["extra"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData("""[{"id": 1, "x": 2}]""", """[{"x": 2, "id": 1.0}]""", 1)]
    [InlineData("[]", "[]", 1)]
    [InlineData("[]", """["a"]""", 0)]
    [InlineData("\"a\"", """["a"]""", 0)]
    public void Set_f1_compares_items_as_data_and_settles_the_empty_cases(string actual, string expected, double f1)
    {
        Assert.Equal(f1, MetricRun.Value("set_f1", $$"""{"v": {{actual}}}""", $$"""{"v": {{expected}}}""", """{"pointer": "/v"}"""));
    }
}
