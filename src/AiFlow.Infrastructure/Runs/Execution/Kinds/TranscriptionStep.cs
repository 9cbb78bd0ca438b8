using System.Text.Json.Nodes;
using AiFlow.Domain.Media;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// Sends the one audio asset its <c>media</c> parameter names (ADR 0034; a video sends its audio track) to the route's
/// <c>/v1/audio/transcriptions</c> with verbose_json, and keeps the text with its timed segments as the IR:
/// <c>{"mediaId","text","language","durationSeconds","segments":[{"start","end","text"}]}</c>.
/// </summary>
public sealed class TranscriptionStep(IInferenceGateway gateway, StepMedia media) : IStepKind
{
    public StepKind Kind => StepKind.Transcription;

    public async Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var (spec, attempt) = (call.Spec, call.Attempt);
        var (references, error) = MediaReferences.Resolve(attempt.Params, call.Context);
        if (error is not null) return StepExecutionResult.InputFailure(error);
        if (references.Count != 1) return StepExecutionResult.InputFailure($"{references[0].Path[..references[0].Path.LastIndexOf('[')]}: a transcription step transcribes one audio file; {references.Count} media ids were given.");
        var (read, readError) = await media.ReadAsync(references, MediaKind.Audio, cancellationToken);
        if (readError is not null) return StepExecutionResult.InputFailure(readError);
        var (reference, content) = read[0];
        var language = attempt.Params["language"] is JsonValue l && l.TryGetValue<string>(out var code) && code.Length > 0 ? code : null;
        var note = MediaSentNote.Line(reference.Path, content.Asset.Id, content.Asset.MimeType, $"{content.Bytes.Length} bytes").TrimStart('\n');

        var answer = await gateway.TranscribeAsync(new TranscriptionRequest
        {
            RouteId = spec.ModelRouteId,
            Audio = content.Bytes,
            FileName = string.IsNullOrWhiteSpace(content.Asset.FileName) ? content.Asset.Id + ".wav" : content.Asset.FileName,
            Language = language,
            StepRunId = attempt.StepRunId,
            Attempt = attempt.Attempt,
            IdempotencyKey = attempt.IdempotencyKey,
            Importance = call.Artifacts.Run.Importance ?? spec.Importance,
            CostSensitive = call.Artifacts.Run.CostSensitive ?? spec.CostSensitive,
        }, cancellationToken);
        var result = new StepExecutionResult
        {
            Outcome = answer.Succeeded ? StepOutcome.Completed : StepOutcome.Failed,
            Error = answer.Succeeded ? null : $"{reference.Path}: transcribing media {content.Asset.Id} failed: {answer.Error}",
            RenderedPrompt = note,
            Model = answer.Model,
            EndpointId = answer.EndpointId,
            EndpointName = answer.EndpointName,
            CostUsd = answer.CostUsd,
            LatencyMs = answer.LatencyMs,
        };
        if (!answer.Succeeded) return result with { IrValid = false };
        if (answer.Text is null) return result with { Outcome = StepOutcome.Failed, IrValid = false, Error = "The endpoint answered without a transcript text." };

        var ir = new JsonObject
        {
            ["mediaId"] = content.Asset.Id.ToString(),
            ["text"] = answer.Text,
            ["language"] = answer.Language,
            ["durationSeconds"] = answer.DurationSeconds ?? (content.Asset.DurationMs is { } ms ? ms / 1000.0 : null),
            ["segments"] = new JsonArray([.. answer.Segments.Select(s => (JsonNode)new JsonObject
            {
                ["start"] = Math.Round(s.Start, 3),
                ["end"] = Math.Round(s.End, 3),
                ["text"] = s.Text,
            })]),
        };
        return result with { IrJson = ir.ToJsonString(), RawResponse = answer.Text };
    }
}
