namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>One timed stretch of a transcript, in seconds from the start of the audio.</summary>
public sealed record TranscriptSegment(double Start, double End, string Text);
