using AiFlow.Web.Components.Shared;

namespace AiFlow.Tests.Web.Components;

public class SimpleMarkdownTests
{
    [Fact]
    public void Guidelines_render_headings_lists_and_emphasis_and_never_raw_html()
    {
        var html = SimpleMarkdown.ToHtml("# Rules\n- be **kind**\n- use `code`\n\n<script>x</script> *now*");

        Assert.Equal("<h4>Rules</h4><ul><li>be <strong>kind</strong></li><li>use <code>code</code></li></ul><p>&lt;script&gt;x&lt;/script&gt; <em>now</em></p>", html);
    }
}
