using AiFlow.Domain.Reviews.Agreement;

namespace AiFlow.Tests.Domain.Reviews;

public class SpearmanCorrelationTests
{
    [Fact]
    public void Spearman_gives_tied_values_their_average_rank()
    {
        // X ranks 1, 2.5, 2.5, 4 (the two 2s share ranks 2 and 3); Y ranks 1, 2, 3, 4; both mean 2.5.
        // Deviations x: −1.5, 0, 0, 1.5; y: −1.5, −0.5, 0.5, 1.5.
        // Σxy = 2.25 + 0 + 0 + 2.25 = 4.5; Σx² = 4.5; Σy² = 2.25 + 0.25 + 0.25 + 2.25 = 5.
        // ρ = 4.5 ÷ √(4.5 · 5) = 4.5 ÷ √22.5 = 0.948683.
        Assert.Equal(0.948683, SpearmanCorrelation.Compute([(1, 10), (2, 20), (2, 30), (3, 40)])!.Value, 6);
    }

    [Fact]
    public void Spearman_handles_ties_on_both_sides()
    {
        // X 1, 1, 2, 3, 3 ranks 1.5, 1.5, 3, 4.5, 4.5; Y 5, 6, 6, 7, 8 ranks 1, 2.5, 2.5, 4, 5; both mean 3.
        // Deviations x: −1.5, −1.5, 0, 1.5, 1.5; y: −2, −0.5, −0.5, 1, 2.
        // Σxy = 3 + 0.75 + 0 + 1.5 + 3 = 8.25; Σx² = 4 · 2.25 = 9; Σy² = 4 + 0.25 + 0.25 + 1 + 4 = 9.5.
        // ρ = 8.25 ÷ √(9 · 9.5) = 8.25 ÷ √85.5 = 0.892218.
        Assert.Equal(0.892218, SpearmanCorrelation.Compute([(1, 5), (1, 6), (2, 6), (3, 7), (3, 8)])!.Value, 6);
    }

    [Fact]
    public void Spearman_is_one_for_any_increasing_relation_and_minus_one_for_a_decreasing_one()
    {
        Assert.Equal(1, SpearmanCorrelation.Compute([(1, 1), (2, 4), (3, 9), (4, 16)])!.Value, 12);
        Assert.Equal(-1, SpearmanCorrelation.Compute([(1, 8), (2, 4), (3, 2), (4, 1)])!.Value, 12);
    }

    [Fact]
    public void Spearman_needs_two_pairs_and_variation_on_both_sides()
    {
        Assert.Null(SpearmanCorrelation.Compute([(1, 2)]));
        Assert.Null(SpearmanCorrelation.Compute([(1, 2), (1, 3), (1, 4)]));
    }
}
