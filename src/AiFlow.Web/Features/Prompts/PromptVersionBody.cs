using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Web.Features.Prompts;

/// <summary><c>POST /api/prompts/{id}/versions</c>: the system prompt, the template, A/B variants and the version it is based on.</summary>
public sealed record PromptVersionBody(string? SystemPrompt, string? Template, IReadOnlyList<PromptVariant?>? Variants, int? BasedOn)
{
    /// <summary>The draft to save, or null when a variant lacks its name or template.</summary>
    public PromptVersionDraft? ToDraft() =>
        Variants?.Any(v => v is null || v.Name is null || v.Template is null) == true
            ? null
            : new PromptVersionDraft(SystemPrompt ?? "", Template ?? "", [.. (Variants ?? []).Select(v => v!)], BasedOn);
}
