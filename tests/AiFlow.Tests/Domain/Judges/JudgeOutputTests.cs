using AiFlow.Domain.Judges;

namespace AiFlow.Tests.Domain.Judges;

public class JudgeOutputTests
{
    private static readonly JudgeVersion Rating = new() { Kind = JudgeKind.Rating, ScoreMin = 1, ScoreMax = 5 };
    private static readonly JudgeVersion Category = new() { Kind = JudgeKind.Category, ScoreMin = 0, ScoreMax = 1, Categories = ["pass", "fail"] };

    [Fact]
    public void A_judge_answer_with_a_score_in_range_and_reasoning_is_a_verdict()
    {
        var (verdict, problem) = JudgeOutput.Parse("""{"score":4,"reasoning":"Right city."}""", Rating);

        Assert.Null(problem);
        Assert.Equal(new JudgeVerdict(4, "Right city.", null), verdict);
    }

    [Fact]
    public void A_category_judge_answer_carries_its_label()
    {
        Assert.Equal("fail", JudgeOutput.Parse("""{"score":0,"reasoning":"Wrong.","category":"fail"}""", Category).Verdict!.Category);
    }

    [Theory]
    [InlineData("Sure! {\"score\": 4", "not JSON")]
    [InlineData("[4]", "not a JSON object")]
    [InlineData("""{"reasoning":"r"}""", "no number 'score'")]
    [InlineData("""{"score":"4","reasoning":"r"}""", "no number 'score'")]
    [InlineData("""{"score":9,"reasoning":"r"}""", "outside its range 1..5")]
    [InlineData("""{"score":3}""", "no string 'reasoning'")]
    public void A_malformed_judge_answer_is_refused_with_the_reason(string answer, string reason)
    {
        var (verdict, problem) = JudgeOutput.Parse(answer, Rating);

        Assert.Null(verdict);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_outside_the_judges_labels_is_refused()
    {
        Assert.Contains("'maybe' is not one of pass, fail", JudgeOutput.Parse("""{"score":1,"reasoning":"r","category":"maybe"}""", Category).Problem, StringComparison.Ordinal);
    }
}
