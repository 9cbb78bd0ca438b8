using AiFlow.Domain.Retrieval.Search;

namespace AiFlow.Tests.Domain.Retrieval.Search;

public class ReciprocalRankFusionTests
{
    [Fact]
    public void An_item_both_rankers_return_outranks_one_that_only_one_ranker_puts_first()
    {
        // vector: a, b, c; text: d, b. b = 1/62 + 1/62 = 0.032258; a = 1/61 = 0.016393; d = 1/61; c = 1/63 = 0.015873.
        var fused = ReciprocalRankFusion.Fuse<string>([["a", "b", "c"], ["d", "b"]]);

        Assert.Equal(["b", "a", "d", "c"], fused.Select(f => f.Id));
        Assert.Equal(2.0 / 62, fused[0].Score, 12);
        Assert.Equal(1.0 / 61, fused[1].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
        Assert.Equal([2, 2], fused[0].Ranks);
        Assert.Equal([null, 1], fused[2].Ranks);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_the_earlier_ranking_so_the_result_is_deterministic()
    {
        // a (vector rank 1) and d (text rank 1) both score 1/61; a comes from the first ranking.
        var fused = ReciprocalRankFusion.Fuse<string>([["a"], ["d"]]);

        Assert.Equal(["a", "d"], fused.Select(f => f.Id));
    }

    [Fact]
    public void A_smaller_k_gives_a_first_place_more_weight_than_agreement_further_down()
    {
        // b is 3rd for one ranker and 4th for the other; a is 1st for one ranker only.
        // k = 60: b = 1/63 + 1/64 = 0.031498 beats a = 1/61 = 0.016393. k = 1: b = 1/4 + 1/5 = 0.45 loses to a = 1/2.
        IReadOnlyList<IReadOnlyList<string>> rankings = [["a", "x", "b"], ["y", "z", "w", "b"]];

        var agreement = ReciprocalRankFusion.Fuse(rankings);
        var firstPlace = ReciprocalRankFusion.Fuse(rankings, k: 1);

        Assert.Equal("b", agreement[0].Id);
        Assert.Equal((1.0 / 63) + (1.0 / 64), agreement[0].Score, 12);
        Assert.Equal(["a", "y"], firstPlace.Take(2).Select(f => f.Id));
        Assert.Equal(0.45, firstPlace.Single(f => f.Id == "b").Score, 12);
    }

    [Fact]
    public void An_id_repeated_within_one_ranking_counts_once_at_its_first_place()
    {
        var fused = ReciprocalRankFusion.Fuse<int>([[7, 7, 8]]);

        Assert.Equal([7, 8], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 61, fused[0].Score, 12);
        Assert.Equal(1.0 / 63, fused[1].Score, 12);
    }

    [Fact]
    public void No_rankings_or_empty_rankings_fuse_to_nothing()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse<string>([]));
        Assert.Empty(ReciprocalRankFusion.Fuse<string>([[], []]));
    }
}
