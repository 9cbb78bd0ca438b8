using AiFlow.Domain.Common;
using AiFlow.Web.Features.Evaluations;

namespace AiFlow.Tests.Web.Evaluations;

public class CaseDiffTests
{
    [Fact]
    public void The_case_diff_lists_each_place_the_candidate_departs_from_the_expected_ir_with_both_values()
    {
        var lines = CaseDiff.Of("""{"label":"a1","tags":["x"],"gone":1}""", """{"label":"wrong","tags":["x","y"],"extra":true}""");

        Assert.Equal(
            [
                new CaseDiff.Line("/label", JsonDiff.ChangeKind.Changed, "\"a1\"", "\"wrong\""),
                new CaseDiff.Line("/tags/1", JsonDiff.ChangeKind.Added, "(missing)", "\"y\""),
                new CaseDiff.Line("/gone", JsonDiff.ChangeKind.Removed, "1", "(missing)"),
                new CaseDiff.Line("/extra", JsonDiff.ChangeKind.Added, "(missing)", "true"),
            ],
            lines);
    }

    [Fact]
    public void An_errored_case_without_candidate_output_has_no_diff()
    {
        Assert.Empty(CaseDiff.Of("""{"label":"a"}""", null));
        Assert.Empty(CaseDiff.Of("""{"label":"a"}""", "not json"));
    }
}
