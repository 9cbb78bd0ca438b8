namespace AiFlow.Domain.Prompts.Templating;

/// <summary>A template that does not parse, with the character position of the problem.</summary>
public sealed class TemplateSyntaxException(string message, int position) : Exception($"{message} (at character {position})")
{
    public int Position { get; } = position;
}
