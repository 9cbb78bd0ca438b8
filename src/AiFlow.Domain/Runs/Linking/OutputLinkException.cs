namespace AiFlow.Domain.Runs.Linking;

/// <summary>A malformed <c>outputLinks</c> declaration, or an IR the declaration cannot take links from; the message is for the author.</summary>
public sealed class OutputLinkException(string message) : Exception(message);
