using AiFlow.Domain.Judges;
using AiFlow.Infrastructure.Judges;

namespace AiFlow.Tests.Infrastructure.Judges;

public class JudgeChecksTests
{
    private const string Schema = """{"type":"object","properties":{"score":{"type":"number"},"reasoning":{"type":"string"}},"required":["score","reasoning"]}""";

    private static JudgeVersionInput Version(string schema = Schema, double min = 1, double max = 5, string template = "Judge {{ output }} by {{ rubric }}",
        JudgeKind kind = JudgeKind.Rating, IReadOnlyList<string>? categories = null) =>
        new(kind, template, "Is it right?", schema, null, min, max, categories);

    private static string[] Pointers(JudgeVersionInput input) => [.. JudgeChecks.Version(input).Select(p => p.Field)];

    [Fact]
    public void A_rating_judge_with_score_and_reasoning_in_its_schema_passes()
    {
        Assert.Empty(JudgeChecks.Judge(new JudgeInput("helpfulness", "Helpfulness", null, Version())));
    }

    [Fact]
    public void A_judge_schema_without_a_score_field_is_refused_at_the_field()
    {
        var problem = Assert.Single(JudgeChecks.Version(Version("""{"type":"object","properties":{"reasoning":{"type":"string"}},"required":["reasoning"]}""")));

        Assert.Equal("/outputSchema/properties/score", problem.Field);
        Assert.Contains("no 'score' field", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"score":{"type":"string"},"reasoning":{"type":"string"}},"required":["score","reasoning"]}""", "/outputSchema/properties/score/type")]
    [InlineData("""{"type":"object","properties":{"score":{"type":"integer"},"reasoning":{"type":"string"}},"required":["score"]}""", "/outputSchema/required")]
    [InlineData("""{"type":"object"}""", "/outputSchema")]
    [InlineData("""{"type":""", "/outputSchema")]
    public void A_schema_a_judge_answer_could_not_be_read_from_is_refused(string schema, string pointer)
    {
        Assert.Equal([pointer], Pointers(Version(schema)));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 1)]
    [InlineData(0, double.PositiveInfinity)]
    public void A_score_range_that_is_empty_or_not_finite_is_refused_at_score_max(double min, double max)
    {
        Assert.Equal(["/scoreMax"], Pointers(Version(min: min, max: max)));
    }

    [Fact]
    public void A_category_judge_needs_two_distinct_labels_and_a_category_field()
    {
        Assert.Equal(["/categories", "/outputSchema/properties/category"], Pointers(Version(kind: JudgeKind.Category, categories: ["pass"])));
        Assert.Equal(["/categories/1", "/outputSchema/properties/category"], Pointers(Version(kind: JudgeKind.Category, categories: ["pass", "pass"])));
    }

    [Fact]
    public void A_template_that_reads_an_unknown_variable_or_does_not_parse_is_refused()
    {
        Assert.Contains("Unknown variable 'answer'", Assert.Single(JudgeChecks.Version(Version(template: "{{ answer }}"))).Message, StringComparison.Ordinal);
        Assert.Equal(["/promptTemplate"], Pointers(Version(template: "{% if output %}")));
    }
}
