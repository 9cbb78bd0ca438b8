using AiFlow.Domain.Reviews;
using AiFlow.Domain.Reviews.Agreement;

namespace AiFlow.Tests.Domain.Reviews;

public class AgreementTests
{
    [Fact]
    public void Cohens_kappa_matches_the_textbook_example_of_seventy_percent_observed_and_fifty_percent_expected()
    {
        var pairs = new List<(string, string)>();
        pairs.AddRange(Enumerable.Repeat(("yes", "yes"), 20));
        pairs.AddRange(Enumerable.Repeat(("yes", "no"), 5));
        pairs.AddRange(Enumerable.Repeat(("no", "yes"), 10));
        pairs.AddRange(Enumerable.Repeat(("no", "no"), 15));

        Assert.Equal(0.4, CohensKappa.Compute(pairs)!.Value, 6);
    }

    [Fact]
    public void Cohens_kappa_is_one_for_perfect_agreement_and_null_without_data()
    {
        Assert.Equal(1, CohensKappa.Compute([("a", "a"), ("b", "b")]));
        Assert.Null(CohensKappa.Compute([]));
    }

    [Fact]
    public void Krippendorffs_alpha_matches_krippendorffs_own_nominal_example_with_missing_values()
    {
        IReadOnlyList<IReadOnlyList<string>> units =
        [
            ["1", "1", "1"], ["2", "2", "3", "2"], ["3", "3", "3", "3"], ["3", "3", "3", "3"], ["2", "2", "2", "2"],
            ["1", "2", "3", "4"], ["4", "4", "4", "4"], ["1", "1", "2", "1"], ["2", "2", "2", "2"], ["5", "5", "5"],
            ["1", "1"], ["3"],
        ];

        Assert.Equal(0.743, KrippendorffAlpha.Nominal(units)!.Value, 3);
    }

    [Fact]
    public void Krippendorffs_alpha_is_one_when_everyone_agrees_and_null_when_nothing_is_pairable()
    {
        Assert.Equal(1, KrippendorffAlpha.Nominal([["a", "a", "a"], ["b", "b", "b"]]));
        Assert.Null(KrippendorffAlpha.Nominal([["a"]]));
    }

    [Fact]
    public void Step_agreement_uses_kappa_for_two_reviewers_and_alpha_for_more()
    {
        Assert.Equal("Cohen's kappa", StepAgreement.Compute([["a", "a"], ["b", "a"]]).Measure);
        Assert.Equal("Krippendorff's alpha", StepAgreement.Compute([["a", "a", "b"], ["b", "b", "b"]]).Measure);
    }

    [Fact]
    public void Item_agreement_is_the_share_choosing_the_majority_verdict()
    {
        Assert.Equal(1, ItemAgreement.ModalShare(["x"]));
        Assert.Equal(0.5, ItemAgreement.ModalShare(["x", "y"]));
        Assert.Equal(2.0 / 3, ItemAgreement.ModalShare(["x", "y", "x"]), 6);
    }

    [Fact]
    public void A_verdict_counts_labels_in_any_order_and_the_correction_only_for_corrections()
    {
        Assert.Equal(ItemAgreement.Verdict(ReviewDecision.Approve, ["b", "a"], "{}"), ItemAgreement.Verdict(ReviewDecision.Approve, ["a", "b"], null));
        Assert.NotEqual(ItemAgreement.Verdict(ReviewDecision.Correct, [], "{\"a\":1}"), ItemAgreement.Verdict(ReviewDecision.Correct, [], "{\"a\":2}"));
    }
}
