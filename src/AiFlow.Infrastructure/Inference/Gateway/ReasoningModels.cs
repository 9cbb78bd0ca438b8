namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Reasoning models (o1, o3, o4-mini, gpt-5…) take max_completion_tokens and refuse a non-default temperature.</summary>
public static class ReasoningModels
{
    public static bool Is(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Contains('/', StringComparison.Ordinal) ? model[(model.LastIndexOf('/') + 1)..] : model;
        name = name.ToLowerInvariant();
        return (name.Length > 1 && name[0] == 'o' && char.IsAsciiDigit(name[1])) || name.StartsWith("gpt-5", StringComparison.Ordinal);
    }
}
