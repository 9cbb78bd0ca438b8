using AiFlow.Domain.Judges;
using AiFlow.Domain.Reviews.Agreement;

namespace AiFlow.Tests.Domain.Judges;

public class JudgeAgreementTests
{
    private static JudgeItem Category(string judge, string? human) => new(Guid.NewGuid(), Guid.Empty, 0, judge, null, human);

    private static JudgeItem Rating(double judge, double? human) => new(Guid.NewGuid(), Guid.Empty, judge, null, human, null);

    [Fact]
    public void Cohens_kappa_over_three_categories_matches_the_hand_computed_value()
    {
        // 12 items, 9 agreements: po = 9/12. Judge margins a 5, b 4, c 3; people a 5, b 4, c 3:
        // pe = (25 + 16 + 9) / 144 = 50/144, κ = (108/144 − 50/144) ÷ (94/144) = 58/94.
        var pairs = Enumerable.Repeat(("a", "a"), 4).Concat(Enumerable.Repeat(("b", "b"), 3)).Concat(Enumerable.Repeat(("c", "c"), 2))
            .Concat([("a", "b"), ("b", "c"), ("c", "a")]).ToList();

        Assert.Equal(58.0 / 94, CohensKappa.Compute(pairs)!.Value, 9);
    }

    [Fact]
    public void A_category_judge_is_measured_by_kappa_on_the_items_people_labelled_and_names_the_disagreements()
    {
        var items = Enumerable.Repeat(0, 4).Select(_ => Category("a", "a")).Concat(Enumerable.Repeat(0, 3).Select(_ => Category("b", "b")))
            .Concat(Enumerable.Repeat(0, 2).Select(_ => Category("c", "c"))).ToList();
        var disagreements = new[] { Category("a", "b"), Category("b", "c"), Category("c", "a") };
        items.AddRange(disagreements);
        items.Add(Category("a", null));

        var result = JudgeAgreement.Compute(JudgeKind.Category, items);

        Assert.Equal(JudgeAgreement.Kappa, result.Measure);
        Assert.Equal(12, result.Items);
        Assert.Equal(58.0 / 94, result.Value!.Value, 9);
        Assert.Equal(disagreements.Select(d => d.ItemId).Order(), result.Disagreeing.Order());
    }

    [Fact]
    public void A_rating_judge_is_measured_by_spearman_and_a_gap_over_a_quarter_of_the_scale_is_a_disagreement()
    {
        // Judge ranks 1, 3, 2, 4 against people's 1, 2, 3, 4: Σd² = 2, ρ = 1 − 6·2 ÷ (4·15) = 0.8.
        var items = new List<JudgeItem> { Rating(0.1, 0.25), Rating(0.4, 0.5), Rating(0.35, 0.75), Rating(0.8, 1.0), Rating(0.5, null) };

        var result = JudgeAgreement.Compute(JudgeKind.Rating, items);

        Assert.Equal((JudgeAgreement.Spearman, 4), (result.Measure, result.Items));
        Assert.Equal(0.8, result.Value!.Value, 9);
        Assert.Equal([items[2].ItemId], result.Disagreeing);
    }

    [Fact]
    public void With_nothing_to_compare_agreement_has_no_value_and_no_items()
    {
        var result = JudgeAgreement.Compute(JudgeKind.Category, [Category("a", null)]);

        Assert.Equal((null, 0), (result.Value, result.Items));
    }

    [Theory]
    [InlineData(3, 1, 5, 0.5)]
    [InlineData(7, 1, 5, 1)]
    [InlineData(0.25, 0, 1, 0.25)]
    public void A_score_is_scaled_to_zero_to_one_over_its_range(double value, double min, double max, double expected) =>
        Assert.Equal(expected, JudgeAgreement.Scaled(value, min, max), 9);
}
