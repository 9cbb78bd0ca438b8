using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Media;

/// <summary>A transcript segment of a transcription IR, clickable to seek the audio to its start.</summary>
public sealed record TranscriptSegmentView(double Start, double End, string Text)
{
    /// <summary>The segments of an IR shaped like the transcription step's (<c>segments: [{start, end, text}]</c>); none for any other IR.</summary>
    public static IReadOnlyList<TranscriptSegmentView> From(string? irJson)
    {
        if (string.IsNullOrEmpty(irJson)) return [];
        try
        {
            if (JsonNode.Parse(irJson) is not JsonObject ir || ir["segments"] is not JsonArray segments) return [];
            return [.. segments.OfType<JsonObject>()
                .Where(s => s["start"] is JsonValue && s["end"] is JsonValue)
                .Select(s => new TranscriptSegmentView(s["start"]!.GetValue<double>(), s["end"]!.GetValue<double>(), s["text"]?.ToString() ?? ""))];
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }
    }
}
