namespace AiFlow.Tests.Domain.Metrics.Functions;

public class RetrievalRankMetricTests
{
    // Retrieved, best first: c4, c1, c9, c2, c7 (objects, as a retrieval step writes them); gold: c1, c2, c3.
    private const string Retrieved = """{"chunks": [{"chunkId": "c4"}, {"chunkId": "c1"}, {"chunkId": "c9"}, {"chunkId": "c2"}, {"chunkId": "c7"}]}""";
    private const string Gold = """{"gold": ["c1", "c2", "c3"]}""";

    private static string Parameters(int? k = null) =>
        $$"""{"pointer": "/chunks", "expectedPointer": "/gold", "idField": "chunkId"{{(k is null ? "" : $", \"k\": {k}")}}}""";

    [Fact]
    public void Recall_at_k_counts_the_gold_chunks_among_the_top_k()
    {
        // Top 2 = {c4, c1}: 1 of 3 gold. Top 5 holds c1 and c2: 2 of 3. The default k (10) sees all five.
        Assert.Equal(1.0 / 3, MetricRun.Value("recall_at_k", Retrieved, Gold, Parameters(2)), 12);
        Assert.Equal(2.0 / 3, MetricRun.Value("recall_at_k", Retrieved, Gold, Parameters(5)), 12);
        Assert.Equal(2.0 / 3, MetricRun.Value("recall_at_k", Retrieved, Gold, Parameters()), 12);
    }

    [Fact]
    public void Mrr_is_one_over_the_rank_of_the_first_gold_chunk_and_zero_when_none_is_in_the_top_k()
    {
        // The first gold chunk (c1) is at rank 2.
        Assert.Equal(0.5, MetricRun.Value("mrr", Retrieved, Gold, Parameters()));
        Assert.Equal(0, MetricRun.Value("mrr", Retrieved, Gold, Parameters(1)));
        Assert.Equal(1, MetricRun.Value("mrr", """{"chunks": ["c2", "c1"]}""", Gold, """{"pointer": "/chunks", "expectedPointer": "/gold"}"""));
    }

    [Fact]
    public void Ndcg_at_k_discounts_each_gold_chunk_by_the_log_of_its_rank_against_the_ideal_order()
    {
        // k = 5: gold at ranks 2 and 4, DCG = 1/log₂3 + 1/log₂5; the ideal puts the 3 gold chunks at ranks 1-3:
        // IDCG = 1 + 1/log₂3 + 1/log₂4 = 1 + 0.63093 + 0.5. nDCG = (0.63093 + 0.43068) ÷ 2.13093 = 0.49819.
        var dcg = (1 / Math.Log2(3)) + (1 / Math.Log2(5));
        var idcg = 1 + (1 / Math.Log2(3)) + 0.5;
        Assert.Equal(dcg / idcg, MetricRun.Value("ndcg_at_k", Retrieved, Gold, Parameters(5)), 12);
        Assert.Equal(0.49819, MetricRun.Value("ndcg_at_k", Retrieved, Gold, Parameters(5)), 5);
        // k = 2: only c1 at rank 2 counts, DCG = 1/log₂3; the ideal has 2 gold chunks in 2 places: IDCG = 1 + 1/log₂3.
        Assert.Equal((1 / Math.Log2(3)) / (1 + (1 / Math.Log2(3))), MetricRun.Value("ndcg_at_k", Retrieved, Gold, Parameters(2)), 12);
        // The gold chunks first, in any order, is perfect.
        Assert.Equal(1, MetricRun.Value("ndcg_at_k", """{"chunks": ["c3", "c1", "c2", "c8"]}""", Gold, """{"pointer": "/chunks", "expectedPointer": "/gold"}"""), 12);
    }

    [Fact]
    public void A_chunk_retrieved_twice_counts_once_at_its_best_rank()
    {
        // c4, c4, c1 reads as c4, c1: c1 is at rank 2, not 3.
        const string output = """{"chunks": ["c4", "c4", "c1"]}""";

        Assert.Equal(0.5, MetricRun.Value("mrr", output, Gold, """{"pointer": "/chunks", "expectedPointer": "/gold"}"""));
        Assert.Equal(1.0 / 3, MetricRun.Value("recall_at_k", output, Gold, """{"pointer": "/chunks", "expectedPointer": "/gold", "k": 2}"""), 12);
    }

    [Theory]
    [InlineData("recall_at_k")]
    [InlineData("mrr")]
    [InlineData("ndcg_at_k")]
    public void Nothing_retrieved_scores_zero_and_no_gold_chunks_is_not_applicable(string key)
    {
        var nothing = MetricRun.Of(key, """{"chunks": []}""", Gold, Parameters());
        var missingArray = MetricRun.Of(key, """{"answer": "x"}""", Gold, Parameters());
        var noGold = MetricRun.Of(key, Retrieved, """{"gold": []}""", Parameters());
        var noGroundTruth = MetricRun.Of(key, Retrieved, null, Parameters());

        Assert.Equal(0, nothing.Value);
        Assert.Equal(0, missingArray.Value);
        Assert.Null(noGold.Value);
        Assert.Equal("no gold chunk ids in the ground truth", noGold.NotApplicableReason);
        Assert.Equal("no ground truth for this input", noGroundTruth.NotApplicableReason);
    }

    [Fact]
    public void The_details_name_the_gold_chunks_found_and_missed()
    {
        var outcome = MetricRun.Of("recall_at_k", Retrieved, Gold, Parameters(3));

        Assert.Equal(3, (int)outcome.Details!["k"]!);
        Assert.Equal(["c1"], outcome.Details["goldFound"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["c2", "c3"], outcome.Details["goldMissed"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2.5)]
    [InlineData(-3)]
    public void A_k_that_is_not_a_whole_number_of_at_least_one_is_refused(double k)
    {
        var parameters = System.Text.Json.Nodes.JsonNode.Parse($$"""{"pointer": "/chunks", "k": {{k.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""")!.AsObject();

        var problems = MetricRun.Function("ndcg_at_k").ValidateParameters(parameters);

        Assert.Equal("'k' must be a whole number of at least 1.", Assert.Single(problems));
    }

    [Fact]
    public void A_gold_array_that_is_not_ids_is_not_applicable_and_an_output_that_is_not_ids_fails()
    {
        var badGold = MetricRun.Of("mrr", Retrieved, """{"gold": "c1"}""", Parameters());
        var badOutput = MetricRun.Of("mrr", """{"chunks": [true]}""", Gold, Parameters());

        Assert.Equal("the ground truth holds a string at \"/gold\", not an array of ids", badGold.NotApplicableReason);
        Assert.Equal(0, badOutput.Value);
        Assert.Equal("the output has a boolean at \"/chunks/0\" where an id in 'chunkId' was expected", (string?)badOutput.Details!["problem"]);
    }
}
