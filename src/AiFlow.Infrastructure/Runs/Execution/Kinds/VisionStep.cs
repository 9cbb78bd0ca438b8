using System.Text.Json.Nodes;
using AiFlow.Domain.Media;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Imaging;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// A vision model call: the structured call of <see cref="StructuredLlmStep"/> with the images its <c>media</c>
/// parameter names (ADR 0034) attached as image parts, sized down to <c>maxImageSide</c> pixels and <c>maxImageBytes</c>
/// bytes. Each image is handed to the gateway as a <c>data:</c> URL and, when the console has a public base URL, a way
/// to make a signed fetch URL of the same bytes (a sized-down image is then kept as a derived asset); the gateway sends
/// the URL to endpoints that fetch media, making it on first need, and the inline data to the others.
/// </summary>
public sealed partial class VisionStep(ModelCall model, StepMedia media, MediaFetchUrls fetchUrls, ResizedImages resized, ILogger<VisionStep> logger) : IStepKind
{
    public const int DefaultMaxImageSide = 2048;
    public const long DefaultMaxImageBytes = 4L * 1024 * 1024;

    public StepKind Kind => StepKind.Vision;

    public async Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var parameters = call.Attempt.Params;
        var (references, error) = MediaReferences.Resolve(parameters, call.Context);
        if (error is not null) return StepExecutionResult.InputFailure(error);
        var maxSide = Positive(parameters["maxImageSide"], DefaultMaxImageSide);
        var maxBytes = Positive(parameters["maxImageBytes"], DefaultMaxImageBytes);
        if (maxSide is null || maxBytes is null) return StepExecutionResult.InputFailure("'maxImageSide' and 'maxImageBytes' must be positive whole numbers.");

        var (read, readError) = await media.ReadAsync(references, MediaKind.Image, cancellationToken);
        if (readError is not null) return StepExecutionResult.InputFailure(readError);
        var images = new List<CallImage>(read.Count);
        var lines = new List<string>(read.Count);
        foreach (var (reference, content) in read)
        {
            var fitted = ImageFitter.Fit(content.Bytes, content.Asset.MimeType, (int)maxSide.Value, maxBytes.Value);
            if (fitted is null)
            {
                return StepExecutionResult.Failure($"{reference.Path}: media {content.Asset.Id} is not a readable image, or cannot be made to fit {maxBytes} bytes.");
            }
            var (asset, original) = (content.Asset, content.Bytes);
            images.Add(new CallImage(fitted.DataUrl, fetchUrls.Enabled ? ct => FetchUrlAsync(asset, original, fitted, ct) : null));
            var detail = fitted.Resized ? $"{fitted.Width}x{fitted.Height} (resized from {content.Asset.Width}x{content.Asset.Height})" : $"{fitted.Width}x{fitted.Height}";
            lines.Add(MediaSentNote.Line(reference.Path, content.Asset.Id, fitted.MimeType, detail));
        }
        return await model.CallAsync(call, cancellationToken, images: new SentImages(images, MediaSentNote.Lines(lines)));
    }

    // The URL must serve the bytes the inline form carries: the original when the fitter kept it byte for byte, else the
    // fitted copy stored as a Resized asset of it. Called only for an attempt whose endpoint fetches, so a console
    // without a public base URL, or a call that only reaches inline endpoints, stores nothing.
    // An Admin may clear the base URL while the call waits: null then sends the bytes inline, and the log says so.
    private async Task<string?> FetchUrlAsync(MediaAsset asset, byte[] original, FittedImage fitted, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(fitted.Bytes, original) || fitted.Bytes.AsSpan().SequenceEqual(original)) return fetchUrls.For(asset.Id);
        try
        {
            var copy = await resized.StoreAsync(asset, fitted, cancellationToken);
            return fetchUrls.For(copy.Id);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The attempt sends the image inline instead (CallImage); what went wrong with storage is for the logs.
            LogCopyFailed(logger, ex, asset.Id);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the sized-down copy of media {AssetId} for a fetch link; the image goes inline")]
    private static partial void LogCopyFailed(ILogger logger, Exception exception, Guid assetId);

    private static long? Positive(JsonNode? node, long fallback) => node switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<long>(out var n) && n > 0 => n,
        JsonValue v when v.TryGetValue<double>(out var d) && d > 0 && d == Math.Floor(d) && d <= long.MaxValue => (long)d,
        _ => null,
    };
}
