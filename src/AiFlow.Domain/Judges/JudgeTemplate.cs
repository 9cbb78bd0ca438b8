using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts.Templating;

namespace AiFlow.Domain.Judges;

/// <summary>
/// A judge's prompt in the in-house Liquid subset. It reads <c>input</c> (what the step read), <c>ir.&lt;node&gt;</c>
/// (upstream IR), <c>output</c> (the IR under judgement), <c>expected</c> (its ground truth, or nothing) and <c>rubric</c>.
/// </summary>
public static class JudgeTemplate
{
    public static readonly IReadOnlySet<string> Variables = new HashSet<string>(StringComparer.Ordinal) { "input", "ir", "output", "expected", "rubric" };

    /// <summary>Why the template cannot be used (it does not parse, or reads an unknown variable); empty when it can.</summary>
    public static IReadOnlyList<string> Check(string? template)
    {
        if (string.IsNullOrWhiteSpace(template)) return ["A prompt template is required."];
        try
        {
            return [.. LiquidTemplate.Parse(template).RootVariables.Where(v => !Variables.Contains(v))
                .Select(v => $"Unknown variable '{v}': a judge's template may read {string.Join(", ", Variables)}.")];
        }
        catch (TemplateSyntaxException ex)
        {
            return [$"The template does not parse: {ex.Message}"];
        }
    }

    /// <exception cref="TemplateSyntaxException">The template does not parse.</exception>
    /// <exception cref="TemplateLimitException">Rendering ran past <paramref name="limits"/>.</exception>
    public static string Render(string template, string rubric, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir, JsonNode? output, JsonNode? expected,
        TemplateLimits? limits = null)
    {
        var upstream = new JsonObject();
        foreach (var (key, value) in ir) upstream[key] = value?.DeepClone();
        return LiquidTemplate.Parse(template).Render(new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["input"] = input?.DeepClone(),
            ["ir"] = upstream,
            ["output"] = output?.DeepClone(),
            ["expected"] = expected?.DeepClone(),
            ["rubric"] = JsonValue.Create(rubric),
        }, limits);
    }
}
