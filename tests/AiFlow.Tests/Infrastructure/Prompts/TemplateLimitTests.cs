using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts.Templating;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Tests.Infrastructure.Prompts;

public class TemplateLimitTests
{
    private const string NestedLoops = "{% for a in input.items %}{% for b in input.items %}{{ b }}{% endfor %}{% endfor %}";

    private static readonly Dictionary<string, JsonNode?> NoIr = [];

    private static JsonObject Items(int count, string? big = null) => new()
    {
        ["items"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => JsonValue.Create(i))]),
        ["big"] = big,
    };

    [Fact]
    public void Nested_loops_stop_at_the_iteration_cap_quickly_with_a_readable_message()
    {
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<PromptTemplateException>(() => new PromptRenderer().Render(NestedLoops, Items(3_000), NoIr));

        Assert.Equal("The template ran more than 10,000 loop iterations; loop over less data or nest fewer loops.", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Iterations_of_every_loop_in_a_render_count_together()
    {
        var limits = new TemplateLimits { MaxLoopIterations = 12 };

        // 3 outer + 9 inner iterations: exactly the cap.
        Assert.Equal("012012012", new PromptRenderer(limits).Render(NestedLoops, Items(3), NoIr));
        Assert.Throws<PromptTemplateException>(() => new PromptRenderer(limits with { MaxLoopIterations = 11 }).Render(NestedLoops, Items(3), NoIr));
    }

    [Fact]
    public void Output_past_the_cap_fails_with_a_readable_message()
    {
        var template = "{% for i in input.items %}{{ input.big }}{% endfor %}";

        var ex = Assert.Throws<PromptTemplateException>(() => new PromptRenderer().Render(template, Items(20, new string('x', 100_000)), NoIr));

        Assert.Equal("The rendered output exceeds 1,000,000 characters (about 1 MB).", ex.Message);
    }

    [Fact]
    public void A_one_off_render_takes_its_own_limits()
    {
        var limits = new TemplateLimits { MaxOutputLength = 10 };

        Assert.Throws<PromptTemplateException>(() => PromptRenderer.RenderOnce("{{ input.big }}", Items(0, "eleven char"), NoIr, limits: limits));
        Assert.Equal("ten chars!", PromptRenderer.RenderOnce("{{ input.big }}", Items(0, "ten chars!"), NoIr, limits: limits));
    }

    [Fact]
    public void A_preview_past_a_limit_shows_the_limit_as_a_problem_instead_of_rendering()
    {
        var preview = PromptTemplateService.Preview(NestedLoops, Items(3_000));

        Assert.Null(preview.Rendered);
        Assert.Contains(preview.Problems, p => p.Contains("more than 10,000 loop iterations", StringComparison.Ordinal));
    }

    [Fact]
    public void The_domain_template_reports_its_own_limit_error()
    {
        var template = LiquidTemplate.Parse("{% for i in input.items %}.{% endfor %}");

        Assert.Throws<TemplateLimitException>(() => template.Render(new Dictionary<string, JsonNode?> { ["input"] = Items(2) }, new TemplateLimits { MaxLoopIterations = 1 }));
    }
}
