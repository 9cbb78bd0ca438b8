using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts.Templating;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>
/// Renders prompt templates against <c>input</c>, <c>ir.&lt;node&gt;</c>, <c>params</c> and <c>context</c> (the chunks
/// upstream retrieval nodes returned, one <c>[id] heading path (p. N): text</c> line each; empty without any); parsed
/// templates are cached.
/// A render that does not parse or runs past its <see cref="TemplateLimits"/> fails with a <see cref="PromptTemplateException"/>.
/// </summary>
public sealed class PromptRenderer(TemplateLimits? limits = null)
{
    public static readonly IReadOnlySet<string> KnownVariables = new HashSet<string>(StringComparer.Ordinal) { "input", "ir", "params", "context" };
    private readonly ConcurrentDictionary<string, LiquidTemplate> parsed = new(StringComparer.Ordinal);
    private readonly TemplateLimits limits = limits ?? TemplateLimits.Default;

    public string Render(string template, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir, JsonObject? parameters = null, string? context = null) =>
        Render(Compile(() => parsed.GetOrAdd(template, LiquidTemplate.Parse)), input, ir, parameters, limits, context);

    /// <summary>Renders text that is not (yet) a saved template, e.g. a preview while an author types, without caching it.</summary>
    public static string RenderOnce(string template, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir, JsonObject? parameters = null, TemplateLimits? limits = null) =>
        Render(Compile(() => LiquidTemplate.Parse(template)), input, ir, parameters, limits ?? TemplateLimits.Default, null);

    private static LiquidTemplate Compile(Func<LiquidTemplate> parse)
    {
        try
        {
            return parse();
        }
        catch (TemplateSyntaxException ex)
        {
            throw new PromptTemplateException($"The prompt template does not parse: {ex.Message}");
        }
    }

    private static string Render(LiquidTemplate compiled, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir, JsonObject? parameters, TemplateLimits limits, string? context)
    {
        var irObject = new JsonObject();
        foreach (var (key, value) in ir) irObject[key] = value?.DeepClone();
        try
        {
            return compiled.Render(new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
            {
                ["input"] = input,
                ["ir"] = irObject,
                ["params"] = parameters,
                ["context"] = context ?? "",
            }, limits);
        }
        catch (TemplateLimitException ex)
        {
            throw new PromptTemplateException(ex.Message);
        }
    }

    /// <summary>Checks a template when a version is saved: it must parse and read only known variables.</summary>
    public static IReadOnlyList<string> Check(string template)
    {
        try
        {
            var unknown = LiquidTemplate.Parse(template).RootVariables.Where(v => !KnownVariables.Contains(v)).ToList();
            return unknown.Select(v => $"Unknown variable '{v}': templates may read input, ir.<node>, params and context.").ToList();
        }
        catch (TemplateSyntaxException ex)
        {
            return [ex.Message];
        }
    }
}
