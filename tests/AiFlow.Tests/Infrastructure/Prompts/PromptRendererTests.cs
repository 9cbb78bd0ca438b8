using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Tests.Infrastructure.Prompts;

public class PromptRendererTests
{
    private static readonly Dictionary<string, JsonNode?> Ir = new() { ["classify"] = JsonNode.Parse("""{"priority":"high","tags":["a","b"]}""") };

    [Fact]
    public void PromptRenderer_fills_input_and_upstream_ir_and_prints_json()
    {
        var text = new PromptRenderer().Render(
            "Subject: {{ input.subject }} / {{ ir.classify.priority | upcase }} / {{ ir.classify.tags | json }} / {{ ir.classify.tags[1] }} / {{ input.missing | default: \"n/a\" }}",
            JsonNode.Parse("""{"subject":"Broken pump"}"""), Ir);

        Assert.Equal("Subject: Broken pump / HIGH / [\"a\",\"b\"] / b / n/a", text);
    }

    [Fact]
    public void PromptRenderer_supports_if_else_and_for_loops()
    {
        var text = new PromptRenderer().Render(
            "{% if ir.classify.priority == \"high\" %}URGENT{% else %}normal{% endif %}:{% for t in ir.classify.tags %} {{ forloop.index }}={{ t }}{% endfor %}",
            null, Ir);

        Assert.Equal("URGENT: 1=a 2=b", text);
    }

    [Theory]
    [InlineData("{{ input.subject ", "never closed")]
    [InlineData("{% if input.x %}open", "Missing '{% endif %}'")]
    [InlineData("{{ input.x | shout }}", "Unknown filter 'shout'")]
    public void PromptRenderer_refuses_a_template_that_does_not_parse_and_says_where(string template, string expected)
    {
        var ex = Assert.Throws<PromptTemplateException>(() => new PromptRenderer().Render(template, null, new Dictionary<string, JsonNode?>()));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("at character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptRenderer_check_rejects_unknown_variables_when_a_version_is_saved()
    {
        Assert.Empty(PromptRenderer.Check("{{ input.a }} {% for x in ir.n.items %}{{ x.name }}{% endfor %} {{ params.tone }}"));
        Assert.Equal(["Unknown variable 'customer': templates may read input, ir.<node> and params."], PromptRenderer.Check("Hi {{ customer.name }}"));
    }
}
