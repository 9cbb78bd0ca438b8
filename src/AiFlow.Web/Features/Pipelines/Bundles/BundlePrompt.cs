using AiFlow.Domain.Prompts;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>A prompt template version; the hash leaves out <see cref="Name"/>, the template's label.</summary>
public sealed record BundlePrompt(string? Key, int Number, string? Name, string? SystemPrompt, string? Template, List<string>? Variables,
    List<PromptVariant>? Variants, string? Hash);
