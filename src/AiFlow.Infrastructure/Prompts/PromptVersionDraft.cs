using AiFlow.Domain.Prompts;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>
/// What an author submits for a new template version. <paramref name="BasedOn"/> is the version number the author
/// started from (0 for a template without versions); when someone saved a newer one since, the save is a conflict.
/// Null skips that check (API clients that just append).
/// </summary>
public sealed record PromptVersionDraft(string SystemPrompt, string Template, IReadOnlyList<PromptVariant> Variants, int? BasedOn = null);
