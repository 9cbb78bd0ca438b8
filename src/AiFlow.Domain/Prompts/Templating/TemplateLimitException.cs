namespace AiFlow.Domain.Prompts.Templating;

/// <summary>A render stopped by <see cref="TemplateLimits"/>; the message says which limit and how to stay within it.</summary>
public sealed class TemplateLimitException(string message) : Exception(message);
