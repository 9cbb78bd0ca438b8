namespace AiFlow.Infrastructure.Prompts;

/// <summary>A template rendered against a sample, or the reasons it cannot be; the variable paths it reads either way.</summary>
public sealed record PromptPreview(string? Rendered, IReadOnlyList<string> Problems, IReadOnlyList<string> VariablePaths)
{
    public string? RenderedSystem { get; init; }

    public string? Variant { get; init; }
}
