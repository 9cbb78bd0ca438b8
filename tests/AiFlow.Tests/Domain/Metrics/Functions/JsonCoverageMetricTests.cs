using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class JsonCoverageMetricTests
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["title", "sections", "meta"],
          "properties": {
            "title": { "type": "string" },
            "sections": {
              "type": "array",
              "items": { "type": "object", "required": ["id", "text"], "properties": { "id": {}, "text": {} } }
            },
            "meta": { "type": "object", "required": ["author", "date"], "properties": { "author": {}, "date": {} } },
            "notes": { "type": "object", "required": ["by"], "properties": { "by": {} } }
          }
        }
        """;

    [Fact]
    public void Coverage_counts_required_fields_per_array_item_and_under_present_optional_objects()
    {
        const string output = """
            {"title": "Report", "sections": [{"id": "s1", "text": "Intro"}, {"id": "s2", "text": ""}], "notes": {"by": null}}
            """;

        var outcome = MetricRun.Of("json_coverage", output, schema: Schema);

        // Slots: title (filled); 2 sections × {id, text} = 4 (s2's text is "", so 3 filled); meta absent, so its
        // author and date are 2 missing; notes is optional but present, so its required 'by' counts (null: missing).
        // 1 + 3 filled of 1 + 4 + 2 + 1 = 8 slots: 4 ÷ 8 = 0.5.
        Assert.Equal(0.5, outcome.Value);
        Assert.Equal(8, (int)outcome.Details!["required"]!);
        Assert.Equal(["/sections/1/text", "/meta", "/notes/by"], outcome.Details["missing"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public void An_empty_required_array_is_one_missing_slot_and_empty_strings_do_not_count()
    {
        const string output = """{"title": "", "sections": [], "meta": {"author": "Ana"}}""";

        // title "" missing, sections [] one missing slot, meta.author filled, meta.date missing: 1 ÷ 4 = 0.25.
        Assert.Equal(0.25, MetricRun.Value("json_coverage", output, schema: Schema));
    }

    [Fact]
    public void A_schema_that_requires_nothing_is_fully_covered_and_no_schema_is_not_applicable()
    {
        Assert.Equal(1, MetricRun.Value("json_coverage", """{"a": 1}""", schema: """{"type": "object", "properties": {"a": {}}}"""));

        var outcome = MetricRun.Of("json_coverage", """{"a": 1}""");

        Assert.Null(outcome.Value);
        Assert.Equal("the step has no IR schema", outcome.NotApplicableReason);
    }

    [Fact]
    public void An_output_that_is_not_an_object_fills_none_of_the_required_slots()
    {
        // title, sections (one slot, no items) and meta's author and date: 0 of 4.
        var outcome = MetricRun.Of("json_coverage", "\"just text\"", schema: Schema);

        Assert.Equal(0, outcome.Value);
        Assert.Equal(4, (int)outcome.Details!["required"]!);
        Assert.IsType<JsonArray>(outcome.Details["missing"]);
    }
}
