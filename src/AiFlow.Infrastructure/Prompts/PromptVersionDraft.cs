using AiFlow.Domain.Prompts;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>What an author submits for a new template version.</summary>
public sealed record PromptVersionDraft(string SystemPrompt, string Template, IReadOnlyList<PromptVariant> Variants);
