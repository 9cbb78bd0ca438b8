using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class FieldMatchMetricTests
{
    // Leaves: /title, /sections/0/id, /sections/0/heading, /sections/1/id, /sections/1/heading,
    // /sections/1/tags/0, /sections/1/tags/1, /meta/pages: 8.
    private const string Expected = """
        {"title": "Q3 report",
         "sections": [{"id": "s1", "heading": "Intro"}, {"id": "s2", "heading": "Results", "tags": ["a", "b"]}],
         "meta": {"pages": 12}}
        """;

    // The same but /sections/0/heading differs, /sections/1/tags/1 is missing and pages is written 12.0: 7 leaves.
    private const string Output = """
        {"title": "Q3 report",
         "sections": [{"id": "s1", "heading": "Introduction"}, {"id": "s2", "heading": "Results", "tags": ["a"]}],
         "meta": {"pages": 12.0}}
        """;

    [Theory]
    // Matched: title, s1 id, s2 id, s2 heading, tags/0, pages = 6. P = 6 ÷ 7, R = 6 ÷ 8 = 0.75,
    // F1 = 2PR ÷ (P + R) = 2 · (6/7) · (3/4) ÷ (6/7 + 3/4) = (36/28) ÷ (45/28) = 36 ÷ 45 = 0.8.
    [InlineData("field_precision", 6.0 / 7)]
    [InlineData("field_recall", 0.75)]
    [InlineData("field_f1", 0.8)]
    public void Field_scores_match_leaves_by_pointer_through_objects_inside_arrays(string key, double expected)
    {
        Assert.Equal(expected, MetricRun.Value(key, Output, Expected), 12);
    }

    [Fact]
    public void The_details_break_the_score_down_field_by_field()
    {
        var details = MetricRun.Of("field_f1", Output, Expected).Details!;
        var fields = details["fields"]!.AsObject();

        Assert.Equal(6, (int)details["matched"]!);
        Assert.Equal(8, (int)details["expectedLeaves"]!);
        Assert.Equal(7, (int)details["actualLeaves"]!);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"expected": "Intro", "actual": "Introduction", "match": false}"""), fields["/sections/0/heading"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"expected": "b", "match": false}"""), fields["/sections/1/tags/1"]));
        Assert.True((bool)fields["/meta/pages"]!["match"]!);
    }

    [Fact]
    public void An_extra_output_field_lowers_precision_but_not_recall()
    {
        // {a, b} against {a}: matched 1, P = 1 ÷ 2, R = 1 ÷ 1, F1 = 2 · 0.5 · 1 ÷ 1.5 = 2/3.
        Assert.Equal(0.5, MetricRun.Value("field_precision", """{"a": 1, "b": 2}""", """{"a": 1}"""));
        Assert.Equal(1, MetricRun.Value("field_recall", """{"a": 1, "b": 2}""", """{"a": 1}"""));
        Assert.Equal(2.0 / 3, MetricRun.Value("field_f1", """{"a": 1, "b": 2}""", """{"a": 1}"""), 12);
    }

    [Fact]
    public void Normalising_trims_and_ignores_case_and_ignored_pointers_count_on_neither_side()
    {
        Assert.Equal(0, MetricRun.Value("field_f1", """{"name": " Alice "}""", """{"name": "alice"}"""));
        Assert.Equal(1, MetricRun.Value("field_f1", """{"name": " Alice "}""", """{"name": "alice"}""", """{"normalize": true}"""));

        // Without /sections both keep /title and /meta/pages, which match: 2 of 2 either way.
        Assert.Equal(1, MetricRun.Value("field_f1", Output, Expected, """{"ignore": ["/sections"]}"""));
    }

    [Fact]
    public void Empty_documents_match_as_one_empty_leaf()
    {
        // {} is itself a leaf at "", equal on both sides: 1 of 1.
        Assert.Equal(1, MetricRun.Value("field_f1", "{}", "{}"));
        Assert.Equal(0, MetricRun.Value("field_f1", "{}", """{"a": 1}"""));
    }
}
