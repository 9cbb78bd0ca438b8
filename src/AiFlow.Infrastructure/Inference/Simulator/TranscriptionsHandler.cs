using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Media.Audio;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// POST /audio/transcriptions (multipart). The answer comes from the bytes received, so tests prove the audio arrived:
// the duration is read from a WAV header (other formats through ffprobe when it is installed, else 400), the text is
// the file name's words ("meeting_notes_q3.wav" → "meeting notes q3") with the duration stated, and verbose_json has
// one segment per second whose times add up to the duration. A "#transcript:" text sidecar uploaded as the file
// supplies the text instead (duration: 1 s per 16 kB, as before).
internal static class TranscriptionsHandler
{
    private const string SidecarMarker = "#transcript:";
    private const double SegmentSeconds = 1.0;

    public static async Task<IResult> HandleAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        if (!request.HasFormContentType)
        {
            return OpenAiJson.BadRequest("Expected multipart/form-data with a 'file' field.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
        {
            return OpenAiJson.BadRequest("The 'file' field is required.");
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            bytes = buffer.ToArray();
        }

        var heard = await HearAsync(bytes, file.FileName, request.HttpContext.RequestAborted);
        if (heard.Error is not null)
        {
            return OpenAiJson.BadRequest(heard.Error);
        }

        var model = form["model"].ToString() is { Length: > 0 } m ? m : SimulatorModels.Transcription;
        var format = form["response_format"].ToString();
        var fingerprint = request.Path + "|" + file.FileName + "|" + file.Length.ToString(CultureInfo.InvariantCulture);
        return await SimulatorPipeline.RunAsync(request, runtime, model, fingerprint, (_, _) => Respond(heard.Text!, heard.Words!, format, heard.Seconds));
    }

    private static async Task<(string? Text, string? Words, double Seconds, string? Error)> HearAsync(byte[] bytes, string fileName, CancellationToken ct)
    {
        var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).TrimStart('\uFEFF');
        if (head.StartsWith(SidecarMarker, StringComparison.OrdinalIgnoreCase))
        {
            var sidecar = head[SidecarMarker.Length..].Trim();
            return (sidecar, sidecar, Math.Max(1, bytes.Length / 16000.0), null);
        }

        double seconds;
        if (WavInfo.Read(bytes) is { } wav)
        {
            seconds = wav.DurationMs / 1000.0;
        }
        else if (bytes.Length >= 4 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8))
        {
            return (null, null, 0, "The file is a corrupt WAV: its RIFF header has no readable fmt and data chunks.");
        }
        else if (await ProbeSecondsAsync(bytes, ct) is { } probed)
        {
            seconds = probed;
        }
        else
        {
            return (null, null, 0, "The audio could not be read: the simulator reads WAV files, and other formats only through ffprobe, which is not installed or could not read this file.");
        }

        var words = FileNameWords.From(fileName) is { Length: > 0 } w ? w : "simulated transcript";
        var text = string.Create(CultureInfo.InvariantCulture, $"{words}. The audio lasts {seconds:0.###} seconds.");
        return (text, words, seconds, null);
    }

    // ffprobe from Debian, when present; null when it is missing or cannot read the bytes.
    private static async Task<double?> ProbeSecondsAsync(byte[] bytes, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), "aiflow-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllBytesAsync(path, bytes, ct);
            var start = new ProcessStartInfo("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", path])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return process.ExitCode == 0 && double.TryParse(output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IResult Respond(string transcript, string words, string format, double duration)
    {
        switch (format)
        {
            case "text" or "srt" or "vtt":
                return Results.Text(transcript, "text/plain", statusCode: 200);
            case "verbose_json":
                return OpenAiJson.Ok(new JsonObject
                {
                    ["task"] = "transcribe",
                    ["language"] = "english",
                    ["duration"] = duration,
                    ["text"] = transcript,
                    ["segments"] = Segments(words, duration),
                });
            default:
                return OpenAiJson.Ok(new JsonObject { ["text"] = transcript });
        }
    }

    // One segment per second (the last one shorter), numbered, so their times add up to the duration exactly.
    private static JsonArray Segments(string words, double duration)
    {
        var count = Math.Max(1, (int)Math.Ceiling(duration / SegmentSeconds - 1e-9));
        var segments = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var start = i * SegmentSeconds;
            var end = i == count - 1 ? duration : start + SegmentSeconds;
            segments.Add(new JsonObject
            {
                ["id"] = i, ["seek"] = 0, ["start"] = start, ["end"] = end,
                ["text"] = string.Create(CultureInfo.InvariantCulture, $"Part {i + 1} of {count}: {words}"),
                ["tokens"] = new JsonArray(), ["temperature"] = 0.0, ["avg_logprob"] = -0.1,
                ["compression_ratio"] = 1.0, ["no_speech_prob"] = 0.0,
            });
        }
        return segments;
    }
}
