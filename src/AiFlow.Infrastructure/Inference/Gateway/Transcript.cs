namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>What one endpoint answered to a transcription (verbose_json).</summary>
internal sealed record Transcript(string Text, string? Language, double? DurationSeconds, IReadOnlyList<TranscriptSegment> Segments);
