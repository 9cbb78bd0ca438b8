using System.Text.Json.Nodes;
using AiFlow.Domain.Media;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Media.Imaging;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// A vision model call: the structured call of <see cref="StructuredLlmStep"/> with the images its <c>media</c>
/// parameter names (ADR 0034) attached as image parts. Images go inline as <c>data:</c> URLs, because GPU endpoints
/// such as vLLM cannot fetch the console's signed URLs, sized down to <c>maxImageSide</c> pixels and
/// <c>maxImageBytes</c> bytes.
/// </summary>
public sealed class VisionStep(ModelCall model, StepMedia media) : IStepKind
{
    public const int DefaultMaxImageSide = 2048;
    public const long DefaultMaxImageBytes = 4L * 1024 * 1024;

    public StepKind Kind => StepKind.Vision;

    public async Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var parameters = call.Attempt.Params;
        var (references, error) = MediaReferences.Resolve(parameters, call.Context);
        if (error is not null) return StepExecutionResult.Failure(error);
        var maxSide = Positive(parameters["maxImageSide"], DefaultMaxImageSide);
        var maxBytes = Positive(parameters["maxImageBytes"], DefaultMaxImageBytes);
        if (maxSide is null || maxBytes is null) return StepExecutionResult.Failure("'maxImageSide' and 'maxImageBytes' must be positive whole numbers.");

        var (read, readError) = await media.ReadAsync(references, MediaKind.Image, cancellationToken);
        if (readError is not null) return StepExecutionResult.Failure(readError);
        var urls = new List<string>(read.Count);
        var lines = new List<string>(read.Count);
        foreach (var (reference, content) in read)
        {
            var fitted = ImageFitter.Fit(content.Bytes, content.Asset.MimeType, (int)maxSide.Value, maxBytes.Value);
            if (fitted is null)
            {
                return StepExecutionResult.Failure($"{reference.Path}: media {content.Asset.Id} is not a readable image, or cannot be made to fit {maxBytes} bytes.");
            }
            urls.Add(fitted.DataUrl);
            var detail = fitted.Resized ? $"{fitted.Width}x{fitted.Height} (resized from {content.Asset.Width}x{content.Asset.Height})" : $"{fitted.Width}x{fitted.Height}";
            lines.Add(MediaSentNote.Line(reference.Path, content.Asset.Id, fitted.MimeType, detail));
        }
        return await model.CallAsync(call, cancellationToken, images: new SentImages(urls, MediaSentNote.Lines(lines)));
    }

    private static long? Positive(JsonNode? node, long fallback) => node switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<long>(out var n) && n > 0 => n,
        JsonValue v when v.TryGetValue<double>(out var d) && d > 0 && d == Math.Floor(d) && d <= long.MaxValue => (long)d,
        _ => null,
    };
}
