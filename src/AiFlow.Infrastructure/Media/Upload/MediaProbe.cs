using System.Globalization;
using System.Text.Json;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>What ffprobe reads from an audio or video file: duration, picture size and whether there is sound.</summary>
public sealed record MediaProbe(long? DurationMs, int? Width, int? Height, bool HasAudio, bool HasVideo)
{
    /// <summary>Probes the file, or says why it cannot be read as media (damaged, or not finished within the deadline).</summary>
    public static async Task<(MediaProbe? Probe, string? Problem)> ReadAsync(string path, MediaOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outcome = await MediaTool.RunAsync(options.FfprobePath,
            ["-v", "error", "-show_entries", "format=duration:stream=codec_type,width,height,duration", "-of", "json", path],
            TimeSpan.FromSeconds(options.ProbeTimeoutSeconds), cancellationToken);
        if (outcome.TimedOut) return (null, $"reading it took longer than {options.ProbeTimeoutSeconds} s");
        if (outcome.ExitCode != 0) return (null, "it cannot be decoded: " + FirstLine(outcome.Error));
        using var json = JsonDocument.Parse(outcome.Output);
        var streams = json.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video");
        var hasVideo = video.ValueKind == JsonValueKind.Object;
        var hasAudio = streams.Any(x => Text(x, "codec_type") == "audio");
        var seconds = json.RootElement.TryGetProperty("format", out var format) ? Number(format, "duration") : null;
        seconds ??= streams.Select(x => Number(x, "duration")).FirstOrDefault(d => d is not null);
        if (!hasAudio && !hasVideo) return (null, "it holds neither sound nor pictures");
        if (seconds is null or <= 0) return (null, "its duration cannot be read (damaged)");
        return (new MediaProbe((long)Math.Round(seconds.Value * 1000), hasVideo ? Int(video, "width") : null, hasVideo ? Int(video, "height") : null, hasAudio, hasVideo), null);
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? Number(JsonElement e, string name) =>
        Text(e, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "ffprobe failed";
        // ffprobe prefixes messages with the file's path: the temporary name means nothing to the uploader.
        var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && line.StartsWith('/') ? line[(colon + 2)..] : line;
    }
}
