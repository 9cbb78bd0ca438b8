using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// POST /audio/transcriptions (multipart): the transcript comes from a "#transcript:" text sidecar
// uploaded as the file, else from the file name ("meeting_notes_q3.wav" → "meeting notes q3").
internal static class TranscriptionsHandler
{
    private const string SidecarMarker = "#transcript:";

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

        var transcript = await TranscriptAsync(file, request.HttpContext.RequestAborted);
        var model = form["model"].ToString() is { Length: > 0 } m ? m : SimulatorModels.Transcription;
        var format = form["response_format"].ToString();
        var fingerprint = request.Path + "|" + file.FileName + "|" + file.Length.ToString(CultureInfo.InvariantCulture);
        return await SimulatorPipeline.RunAsync(request, runtime, model, fingerprint, (_, _) => Respond(transcript, format, file.Length));
    }

    private static async Task<string> TranscriptAsync(IFormFile file, CancellationToken ct)
    {
        var head = new byte[Math.Min(file.Length, 64 * 1024)];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF');
        if (text.StartsWith(SidecarMarker, StringComparison.OrdinalIgnoreCase))
        {
            return text[SidecarMarker.Length..].Trim();
        }

        var words = FileNameWords.From(file.FileName);
        return words.Length > 0 ? words : "simulated transcript";
    }

    private static IResult Respond(string transcript, string format, long bytes)
    {
        switch (format)
        {
            case "text" or "srt" or "vtt":
                return Results.Text(transcript, "text/plain", statusCode: 200);
            case "verbose_json":
                // Pretend 16 kB per second of audio; only the shape matters to callers.
                var duration = Math.Max(1, bytes / 16000.0);
                return OpenAiJson.Ok(new JsonObject
                {
                    ["task"] = "transcribe",
                    ["language"] = "english",
                    ["duration"] = duration,
                    ["text"] = transcript,
                    ["segments"] = new JsonArray(new JsonObject
                    {
                        ["id"] = 0, ["seek"] = 0, ["start"] = 0.0, ["end"] = duration, ["text"] = transcript,
                        ["tokens"] = new JsonArray(), ["temperature"] = 0.0, ["avg_logprob"] = -0.1,
                        ["compression_ratio"] = 1.0, ["no_speech_prob"] = 0.0,
                    }),
                });
            default:
                return OpenAiJson.Ok(new JsonObject { ["text"] = transcript });
        }
    }
}
