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
        Assert.Equal(["Unknown variable 'customer': templates may read input, ir.<node>, params and context."], PromptRenderer.Check("Hi {{ customer.name }}"));
    }

    [Fact]
    public void A_template_lists_the_variable_paths_it_reads_without_loop_variables()
    {
        var template = AiFlow.Domain.Prompts.Templating.LiquidTemplate.Parse(
            "{{ input.subject }} {% for t in ir.classify.tags %}{{ t }} {{ forloop.index }}{% endfor %} {% if params.tone == \"x\" %}{{ input.subject | upcase }}{% endif %}");

        Assert.Equal(["input.subject", "ir.classify.tags", "params.tone"], template.VariablePaths);
    }

    [Fact]
    public void A_truncate_without_a_whole_number_is_refused_when_parsed_not_when_rendered()
    {
        var problem = Assert.Single(PromptRenderer.Check("{{ input.text | truncate: ten }}"));
        Assert.Contains("'truncate' needs a whole number of characters, not 'ten'", problem, StringComparison.Ordinal);
    }
}
