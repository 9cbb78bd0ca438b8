using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Prompts.Templating;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>Creates prompt template versions (checked: they parse and read only known variables) and previews them.</summary>
public sealed class PromptTemplateService(IDbContextFactory<AiFlowDbContext> contexts, PromptRenderer renderer, TimeProvider time)
{
    /// <summary>Problems with a draft: template syntax, unknown variables, variant names and weights. Empty when it is fine.</summary>
    public static IReadOnlyList<string> Check(PromptVersionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<string>();
        problems.AddRange(PromptRenderer.Check(draft.SystemPrompt).Select(p => "System prompt: " + p));
        problems.AddRange(PromptRenderer.Check(draft.Template).Select(p => "Template: " + p));
        foreach (var variant in draft.Variants)
        {
            problems.AddRange(PromptRenderer.Check(variant.Template).Select(p => $"Variant '{variant.Name}': {p}"));
            if (string.IsNullOrWhiteSpace(variant.Name)) problems.Add("Every variant needs a name.");
            if (variant.Weight is < 0 or > 1000 || double.IsNaN(variant.Weight)) problems.Add($"Variant '{variant.Name}': weight must be between 0 and 1000.");
        }

        if (draft.Variants.GroupBy(v => v.Name, StringComparer.Ordinal).Any(g => g.Count() > 1)) problems.Add("Variant names must be unique.");
        if (draft.Variants.Count > 0 && draft.Variants.Sum(v => v.Weight) <= 0) problems.Add("At least one variant needs a positive weight.");
        return problems;
    }

    /// <summary>Adds the next version to the template with <paramref name="templateKey"/> (created when new).</summary>
    public async Task<PromptTemplateVersion> CreateVersionAsync(string templateKey, PromptVersionDraft draft, CancellationToken cancellationToken)
    {
        var problems = Check(draft);
        if (problems.Count > 0)
        {
            throw new PromptTemplateException(string.Join(" ", problems));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await db.PromptTemplates.FirstOrDefaultAsync(t => t.Key == templateKey, cancellationToken);
        if (template is null)
        {
            template = new PromptTemplate { Key = templateKey, Name = templateKey };
            db.PromptTemplates.Add(template);
        }

        var last = await db.PromptTemplateVersions.Where(v => v.PromptTemplateId == template.Id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
        var version = new PromptTemplateVersion
        {
            PromptTemplateId = template.Id,
            Number = last + 1,
            SystemPrompt = draft.SystemPrompt,
            Template = draft.Template,
            Variables = [.. Variables(draft)],
            Variants = [.. draft.Variants],
            CreatedAt = time.GetUtcNow(),
        };
        db.PromptTemplateVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    /// <summary>Renders a version (or one of its variants) against a sample input, as a run would.</summary>
    public string Preview(PromptTemplateVersion version, JsonNode? sampleInput, string? variant = null, IReadOnlyDictionary<string, JsonNode?>? ir = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        var template = variant is null ? version.Template : version.Variants.First(v => v.Name == variant).Template;
        return renderer.Render(template, sampleInput, ir ?? new Dictionary<string, JsonNode?>());
    }

    private static IEnumerable<string> Variables(PromptVersionDraft draft) =>
        new[] { draft.SystemPrompt, draft.Template }.Concat(draft.Variants.Select(v => v.Template))
            .SelectMany(t => LiquidTemplate.Parse(t).RootVariables)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}
