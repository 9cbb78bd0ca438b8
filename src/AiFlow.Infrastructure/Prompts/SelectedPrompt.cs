namespace AiFlow.Infrastructure.Prompts;

/// <summary>The template a run uses: a variant's (Variant is its name) or the version's own (Variant is null).</summary>
public sealed record SelectedPrompt(string? Variant, string Template);
