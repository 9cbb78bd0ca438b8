namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>The image parts of a call (data: URLs) and the lines that record them under the rendered prompt.</summary>
public sealed record SentImages(IReadOnlyList<string> Urls, string Note);
