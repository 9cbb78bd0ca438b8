using AiFlow.Domain.Prompts;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>One saved (immutable) template version, with the variable paths it reads and who saved it.</summary>
public sealed record PromptVersionView(
    Guid Id,
    int Number,
    string SystemPrompt,
    string Template,
    IReadOnlyList<string> Variables,
    IReadOnlyList<string> VariablePaths,
    IReadOnlyList<PromptVariant> Variants,
    DateTimeOffset CreatedAt,
    string? CreatedBy);
