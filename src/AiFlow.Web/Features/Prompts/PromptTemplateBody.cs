using AiFlow.Domain.Prompts;

namespace AiFlow.Web.Features.Prompts;

/// <summary><c>POST /api/prompts</c>: a key and a name, and optionally the first version (when <see cref="Template"/> is given).</summary>
public sealed record PromptTemplateBody(string? Key, string? Name, string? SystemPrompt, string? Template, IReadOnlyList<PromptVariant?>? Variants, int? BasedOn)
{
    public PromptVersionBody? FirstVersion() => Template is null ? null : new PromptVersionBody(SystemPrompt, Template, Variants, BasedOn);
}
