namespace AiFlow.Tests.Domain.Metrics.Functions;

public class CitationMetricTests
{
    private const string Parameters = """{"pointer": "/citations", "expectedPointer": "/relevant", "idField": "doc"}""";
    private const string Relevant = """{"relevant": ["d1", "d2", "d3", "d4"]}""";

    [Fact]
    public void Citation_precision_and_recall_count_distinct_ids_from_objects_and_strings()
    {
        // Cited {d1, d3, d7} (d3 twice counts once), relevant {d1, d2, d3, d4}: 2 hits.
        // Precision = 2 ÷ 3, recall = 2 ÷ 4 = 0.5.
        const string output = """{"citations": [{"doc": "d1"}, {"doc": "d3"}, {"doc": "d3"}, {"doc": "d7"}]}""";

        var precision = MetricRun.Of("citation_precision", output, Relevant, Parameters);
        var recall = MetricRun.Of("citation_recall", output, Relevant, Parameters);

        Assert.Equal(2.0 / 3, precision.Value!.Value, 12);
        Assert.Equal(0.5, recall.Value);
        Assert.Equal(["d7"], precision.Details!["notRelevant"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["d2", "d4"], recall.Details!["notCited"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void Nothing_cited_leaves_precision_not_applicable_and_recall_zero()
    {
        const string output = """{"citations": []}""";

        Assert.Equal("nothing cited", MetricRun.Of("citation_precision", output, Relevant, Parameters).NotApplicableReason);
        Assert.Equal(0, MetricRun.Of("citation_recall", output, Relevant, Parameters).Value);
    }

    [Fact]
    public void Nothing_relevant_leaves_recall_not_applicable_and_precision_zero()
    {
        const string output = """{"citations": ["d1"]}""";
        const string relevant = """{"citations": []}""";
        const string parameters = """{"pointer": "/citations"}""";

        Assert.Equal("no relevant ids in the ground truth", MetricRun.Of("citation_recall", output, relevant, parameters).NotApplicableReason);
        Assert.Equal(0, MetricRun.Of("citation_precision", output, relevant, parameters).Value);
    }

    [Fact]
    public void Objects_without_an_id_field_cannot_be_read_as_citations()
    {
        const string withoutIdField = """{"pointer": "/citations", "expectedPointer": "/relevant"}""";

        var outcome = MetricRun.Of("citation_precision", """{"citations": [{"doc": "d1"}]}""", Relevant, withoutIdField);

        Assert.Equal(0, outcome.Value);
        Assert.Equal(
            "the output has an object at \"/citations/0\" where an id string (or set idField for objects) was expected",
            (string?)outcome.Details!["problem"]);
    }
}
