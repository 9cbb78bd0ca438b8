namespace AiFlow.Infrastructure.Prompts;

public sealed class PromptTemplateException(string message) : Exception(message);
