using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class HtmlWellformedMetricTests
{
    private static string Output(string html) => new JsonObject { ["html"] = html }.ToJsonString();

    [Theory]
    [InlineData("<div class=\"a\"><p>Hi<br>there</p><img src=x.png alt='y'></div>")]
    [InlineData("<!-- <b> unclosed in a comment --><ul><li>a</li><li>b</li></ul>")]
    [InlineData("<!DOCTYPE html><html><body><script>if (a < b) { s = \"</div>\"; }</script></body></html>")]
    [InlineData("<p>a < b and c > d</p>")]
    [InlineData("<section/><INPUT disabled><Div data-x=1></div>")]
    [InlineData("plain text, no tags at all")]
    [InlineData("<p><img src=a.png></img><br/></p>")]
    public void Balanced_tags_with_void_elements_comments_and_script_text_are_well_formed(string html)
    {
        var outcome = MetricRun.Of("html_wellformed", Output(html), parameters: """{"pointer": "/html"}""");

        Assert.True(outcome.Value == 1, (string?)outcome.Details?["problem"]);
    }

    [Theory]
    // "<div><p>text" is 5 + 3 + 4 = 12 characters, so </div> starts at 12 while <p> (at 5) is still open.
    [InlineData("<div><p>text</div>", "</div> found where <p> opened at offset 5 should close", 12)]
    // "<p>text</p>" is 3 + 4 + 4 = 11 characters.
    [InlineData("<p>text</p></span>", "</span> closes nothing", 11)]
    [InlineData("<div><span>x</span>", "<div> opened at offset 0 is never closed", 0)]
    // The opening quote is the ninth character of <a href="x>link</a>, at offset 8.
    [InlineData("<a href=\"x>link</a>", "the value of href in <a> has no closing quote", 8)]
    [InlineData("<p><!-- never ends", "comment is never closed", 3)]
    // "<div class=" is 11 characters; the value should start at offset 11.
    [InlineData("<div class=>x</div>", "class in <div> has '=' but no value", 11)]
    [InlineData("<img src=\"a.png\"", "<img> is never closed with '>'", 0)]
    [InlineData("<script>alert(1)", "<script> opened at offset 0 is never closed", 0)]
    public void Unbalanced_or_unreadable_markup_scores_zero_with_the_first_problem_and_its_offset(string html, string problem, int offset)
    {
        var outcome = MetricRun.Of("html_wellformed", Output(html), parameters: """{"pointer": "/html"}""");

        Assert.Equal(0, outcome.Value);
        Assert.Equal(problem, (string?)outcome.Details!["problem"]);
        Assert.Equal(offset, (int?)outcome.Details["offset"]);
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_not_html()
    {
        var outcome = MetricRun.Of("html_wellformed", """{"html": ["<p>"]}""", parameters: """{"pointer": "/html"}""");

        Assert.Equal(0, outcome.Value);
        Assert.Equal("\"/html\" holds an array, not an HTML string", (string?)outcome.Details!["problem"]);
    }
}
