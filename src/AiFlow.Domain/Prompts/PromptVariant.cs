namespace AiFlow.Domain.Prompts;

public sealed record PromptVariant(string Name, string Template, double Weight);
