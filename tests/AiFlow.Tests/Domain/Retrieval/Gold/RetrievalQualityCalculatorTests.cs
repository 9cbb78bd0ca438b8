using AiFlow.Domain.Retrieval.Gold;

namespace AiFlow.Tests.Domain.Retrieval.Gold;

public class RetrievalQualityCalculatorTests
{
    private static readonly Guid V1 = Guid.NewGuid();
    private static readonly Guid V2 = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static LabelledRetrieval Run(Guid version, string query, int minutes, params string[] chunks) =>
        new(version, Guid.NewGuid(), query, T0.AddMinutes(minutes), chunks);

    private static RetrievalJudgement Judged(string query, string chunk, bool relevant, int minutes = 0) => new(query, chunk, relevant, T0.AddMinutes(minutes));

    [Fact]
    public void Each_figure_is_the_mean_over_the_queries_of_the_metric_library_against_the_relevant_chunks()
    {
        // q1 returned a, b, c with gold {b}: recall 1, MRR 1/2, nDCG (1/log₂3) ÷ 1 = 0.63093.
        // q2 returned d, e with gold {d, x} (x was found relevant elsewhere): recall 1/2, MRR 1, nDCG 1 ÷ (1 + 1/log₂3) = 0.61315.
        var quality = Assert.Single(RetrievalQualityCalculator.Compute(
            [Run(V1, "q1", 0, "a", "b", "c"), Run(V1, "q2", 1, "d", "e")],
            [Judged("q1", "a", false), Judged("q1", "b", true), Judged("q2", "d", true), Judged("q2", "x", true)]));

        Assert.Equal((V1, 2, 2, 10), (quality.StepVersionId, quality.LabelledQueries, quality.ScoredQueries, quality.K));
        Assert.Equal(0.75, quality.RecallAtK!.Value, 12);
        Assert.Equal(0.75, quality.Mrr!.Value, 12);
        var ndcg1 = 1 / Math.Log2(3);
        var ndcg2 = 1 / (1 + (1 / Math.Log2(3)));
        Assert.Equal((ndcg1 + ndcg2) / 2, quality.NdcgAtK!.Value, 12);
        Assert.Equal(0.62204, quality.NdcgAtK.Value, 5);
    }

    [Fact]
    public void The_latest_judgement_of_a_chunk_wins_and_a_query_with_nothing_relevant_is_counted_but_not_scored()
    {
        var quality = Assert.Single(RetrievalQualityCalculator.Compute(
            [Run(V1, "q1", 0, "a", "b")],
            [Judged("q1", "b", true, minutes: 1), Judged("q1", "b", false, minutes: 2)]));

        Assert.Equal((1, 0), (quality.LabelledQueries, quality.ScoredQueries));
        Assert.Null(quality.RecallAtK);
        Assert.Null(quality.Mrr);
        Assert.Null(quality.NdcgAtK);
    }

    [Fact]
    public void A_step_version_is_scored_on_its_latest_run_of_a_query_once_not_on_every_rerun()
    {
        // The older run ranked the gold chunk first, the newer second: only the newer counts, MRR 1/2.
        var quality = Assert.Single(RetrievalQualityCalculator.Compute(
            [Run(V1, "q1", 0, "a", "b"), Run(V1, "q1", 5, "b", "a")],
            [Judged("q1", "a", true)]));

        Assert.Equal(1, quality.LabelledQueries);
        Assert.Equal(0.5, quality.Mrr);
    }

    [Fact]
    public void Gold_is_shared_by_query_text_across_step_versions_so_each_version_is_scored_against_the_same_chunks()
    {
        // Only v1's run was judged relevant on a; v2's run of the same query ranked a second and is scored on it too.
        var quality = RetrievalQualityCalculator.Compute(
            [Run(V1, "q1", 0, "a", "b"), Run(V2, "q1", 1, "b", "a")],
            [Judged("q1", "a", true), Judged("q1", "b", false)]).ToDictionary(q => q.StepVersionId);

        Assert.Equal(1, quality[V1].Mrr);
        Assert.Equal(0.5, quality[V2].Mrr);
        Assert.Equal(1, quality[V2].RecallAtK);
    }

    [Fact]
    public void Recall_and_ndcg_cut_at_k_while_mrr_reads_every_chunk_the_run_returned()
    {
        var quality = Assert.Single(RetrievalQualityCalculator.Compute([Run(V1, "q1", 0, "a", "b", "c")], [Judged("q1", "c", true)], k: 2));

        Assert.Equal(0, quality.RecallAtK);
        Assert.Equal(0, quality.NdcgAtK);
        Assert.Equal(1.0 / 3, quality.Mrr!.Value, 12);
    }

    [Fact]
    public void The_gold_set_of_a_query_holds_only_the_chunks_whose_latest_judgement_is_relevant()
    {
        var gold = RetrievalQualityCalculator.GoldByQuery(
            [Judged("q1", "b", true, 1), Judged("q1", "a", true, 1), Judged("q1", "c", true, 1), Judged("q1", "c", false, 3), Judged("q2", "z", false)]);

        Assert.Equal(["a", "b"], gold["q1"]);
        Assert.Empty(gold["q2"]);
    }
}
