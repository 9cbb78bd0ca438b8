using System.Globalization;
using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// Reads the media a step was given and checks it is the kind the step sends. A video stands for what was derived
/// from it at upload: its sampled frames for a vision step, its audio track for a transcription step. Every refusal
/// names the place the id came from, so a user knows which input to fix.
/// </summary>
public sealed class StepMedia(MediaLibrary library)
{
    public async Task<(IReadOnlyList<(MediaReference Reference, MediaContent Content)> Media, string? Error)> ReadAsync(
        IReadOnlyList<MediaReference> references, MediaKind wanted, CancellationToken cancellationToken)
    {
        var read = new List<(MediaReference, MediaContent)>();
        foreach (var reference in references)
        {
            var asset = await library.FindAsync(reference.Id, cancellationToken);
            if (asset is null) return ([], $"{reference.Path}: media {reference.Id} does not exist.");
            if (asset.DeletedAt is not null) return ([], $"{reference.Path}: media {reference.Id} was deleted at {asset.DeletedAt.Value.ToString("u", CultureInfo.InvariantCulture)}.");
            IReadOnlyList<MediaAsset> sources = [asset];
            if (asset.Kind == MediaKind.Video && wanted != MediaKind.Video)
            {
                var derivation = wanted == MediaKind.Image ? MediaDerivation.Frame : MediaDerivation.AudioTrack;
                sources = await library.DerivedAsync(asset.Id, derivation, cancellationToken);
                if (sources.Count == 0)
                {
                    return ([], $"{reference.Path}: video {reference.Id} has no {(wanted == MediaKind.Image ? "sampled frames" : "audio track")}.");
                }
            }
            else if (asset.Kind != wanted)
            {
                return ([], $"{reference.Path}: media {reference.Id} is {Article(asset.Kind)} ({asset.MimeType}), not {Article(wanted)}.");
            }
            foreach (var source in sources)
            {
                try
                {
                    read.Add((reference, await library.ReadAsync(source.Id, cancellationToken)));
                }
                catch (MediaNotFoundException ex)
                {
                    return ([], $"{reference.Path}: {ex.Message}");
                }
            }
        }
        return (read, null);
    }

    private static string Article(MediaKind kind) => kind switch
    {
        MediaKind.Image => "an image",
        MediaKind.Audio => "audio",
        _ => "a video",
    };
}
