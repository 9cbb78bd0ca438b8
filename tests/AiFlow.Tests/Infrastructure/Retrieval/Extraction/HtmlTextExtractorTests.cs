using System.Diagnostics;
using System.Text;
using AiFlow.Domain.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Extraction;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class HtmlTextExtractorTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><title>Fridge manual</title><style>body { color: red }</style></head>
        <body>
          <header>Site banner</header>
          <nav><a href="/">Home</a> <a href="/next">Next</a></nav>
          <div class="navheader"><a href="prev.html">Prev</a></div>
          <h1>Water filter</h1>
          <p>Replace the filter   every
             six months.</p>
          <p>You need:</p>
          <ul>
            <li>a new filter
              <ul><li>genuine <b>only</b></li></ul>
            </li>
            <li>a towel</li>
          </ul>
          <h2>Resetting</h2>
          <pre>hold FILTER
          for 3 s</pre>
          <table><tr><th>Light</th><th>Meaning</th></tr><tr><td>red</td><td>replace now</td></tr></table>
          <script>alert("not text")</script>
          <footer>Copyright</footer>
        </body>
        </html>
        """;

    [Fact]
    public void Html_extractor_reads_headings_paragraphs_nested_list_items_code_and_table_rows_and_skips_chrome_and_scripts()
    {
        var document = ExtractorFixture.Extract(Page, "fridge.html");

        Assert.Equal(MimeTypes.Html, document.MimeType);
        Assert.Equal("Fridge manual", document.Title);
        Assert.Equal("en", document.Language);
        Assert.Equal(
            [
                (DocumentBlockKind.Heading, "Water filter", 1, 0),
                (DocumentBlockKind.Paragraph, "Replace the filter every six months.", 0, 0),
                (DocumentBlockKind.Paragraph, "You need:", 0, 0),
                (DocumentBlockKind.ListItem, "a new filter", 0, 1),
                (DocumentBlockKind.ListItem, "genuine only", 0, 2),
                (DocumentBlockKind.ListItem, "a towel", 0, 1),
                (DocumentBlockKind.Heading, "Resetting", 2, 0),
                (DocumentBlockKind.Code, "hold FILTER\n  for 3 s", 0, 0),
                (DocumentBlockKind.Table, "Light | Meaning", 0, 0),
                (DocumentBlockKind.Table, "red | replace now", 0, 0),
            ],
            document.Blocks.Select(b => (b.Kind, b.Text, b.HeadingLevel, b.ListDepth)));
    }

    [Fact]
    public void Ten_megabytes_of_nested_divs_are_refused_quickly_with_the_nesting_limit()
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        html.Insert(html.Length, "<div>", 2_000_000);
        html.Append("deep text");
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        Assert.True(bytes.Length >= 10_000_000);

        var clock = Stopwatch.StartNew();
        var reason = ExtractorFixture.Refusal(bytes, "deep.html");

        Assert.Equal("the HTML nests elements more than 256 levels deep (a generated or hostile page?); raise AiFlow:Retrieval:Extraction:MaxHtmlDepth if the page is genuine", reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_page_nested_close_to_the_limit_is_read_without_recursion()
    {
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<div>", 250);
        html.Append("<p>deep text</p>");
        html.Insert(html.Length, "</div>", 250);
        html.Append("<p>after</p></body></html>");

        var document = ExtractorFixture.Extract(html.ToString(), "nested.html");

        Assert.Equal(["deep text", "after"], document.Blocks.Select(b => b.Text));
    }

    [Theory]
    [InlineData("<div><div><div></div></div></div>", 2, true)]
    [InlineData("<div><div><div></div></div></div>", 3, false)]
    [InlineData("<div></div><div></div><div></div><div></div>", 1, false)]
    [InlineData("<p><p><p><li><li><br><img src=x><hr/><custom-tag/>", 0, false)]
    [InlineData("<!-- <div><div><div> --><script>if (a<b) { '<div><div><div>' }</script><div></div>", 1, false)]
    public void Nesting_scan_counts_open_elements_but_not_void_optional_end_or_raw_text_tags(string html, int limit, bool deeper)
    {
        Assert.Equal(deeper, HtmlNestingScan.IsDeeperThan(Encoding.UTF8.GetBytes(html), limit));
    }
}
