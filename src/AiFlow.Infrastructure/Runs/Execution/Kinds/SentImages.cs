using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// The image parts of a call (each inline, and by URL when the console can hand one out) and the lines that record
/// them under the rendered prompt.
/// </summary>
public sealed record SentImages(IReadOnlyList<CallImage> Images, string Note);
