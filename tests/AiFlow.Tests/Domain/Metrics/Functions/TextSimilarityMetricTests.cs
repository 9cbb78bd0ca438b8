using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class TextSimilarityMetricTests
{
    private static string Text(string value) => new JsonObject { ["text"] = value }.ToJsonString();

    [Theory]
    // kitten → sitting: k→s, e→i, +g = 3 edits; 1 − 3 ÷ 7 = 4/7.
    [InlineData("kitten", "sitting", 4.0 / 7)]
    // flaw → lawn: −f, +n = 2 edits; 1 − 2 ÷ 4 = 0.5.
    [InlineData("flaw", "lawn", 0.5)]
    [InlineData("same", "same", 1)]
    [InlineData("", "", 1)]
    // 3 insertions over a longest length of 3.
    [InlineData("abc", "", 0)]
    public void String_similarity_is_one_minus_the_edit_distance_over_the_longer_length(string actual, string expected, double similarity)
    {
        Assert.Equal(similarity, MetricRun.Value("string_similarity", Text(actual), Text(expected), """{"pointer": "/text"}"""), 12);
    }

    [Fact]
    public void Texts_beyond_the_cap_are_not_compared_by_edit_distance()
    {
        var outcome = MetricRun.Of("string_similarity", Text(new string('a', 20_001)), Text("a"), """{"pointer": "/text"}""");

        Assert.Null(outcome.Value);
        Assert.Contains("too long", outcome.NotApplicableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rouge_l_is_the_f_measure_of_the_token_lcs()
    {
        // Candidate: the cat was found under the bed (7 tokens); reference: the cat was under the bed (6).
        // LCS = "the cat was under the bed" = 6, so P = 6/7, R = 6/6 = 1, F = 2PR ÷ (R + P) = (12/7) ÷ (13/7) = 12/13.
        var outcome = MetricRun.Of("rouge_l", Text("The cat was found under the bed."), Text("the cat was under the bed"), """{"pointer": "/text"}""");

        Assert.Equal(12.0 / 13, outcome.Value!.Value, 12);
        Assert.Equal(6, (int)outcome.Details!["lcs"]!);
    }

    [Fact]
    public void Rouge_l_with_beta_two_weighs_recall_more()
    {
        // β² = 4: F = (1 + 4) · (6/7) · 1 ÷ (1 + 4 · 6/7) = (30/7) ÷ (31/7) = 30/31.
        var value = MetricRun.Value(
            "rouge_l", Text("the cat was found under the bed"), Text("the cat was under the bed"), """{"pointer": "/text", "beta": 2}""");

        Assert.Equal(30.0 / 31, value, 12);
    }

    [Theory]
    // Reference "police killed the gunman", candidate "the gunman kill police": LCS "the gunman" = 2, P = R = 2/4, F = 0.5.
    [InlineData("The gunman kill police!", "police killed the gunman", 0.5)]
    [InlineData("...", "", 1)]
    [InlineData("words", "", 0)]
    public void Rouge_l_tokenises_on_letters_and_digits_ignoring_case(string candidate, string reference, double expected)
    {
        Assert.Equal(expected, MetricRun.Value("rouge_l", Text(candidate), Text(reference), """{"pointer": "/text"}"""), 12);
    }
}
