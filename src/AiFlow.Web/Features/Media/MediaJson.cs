using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;

namespace AiFlow.Web.Features.Media;

/// <summary>
/// An asset as the API shows it: what was learnt from its bytes, what was derived from it, and a signed address for its bytes.
/// </summary>
/// <param name="Kind">"image", "audio" or "video".</param>
/// <param name="Bytes">The size in bytes.</param>
/// <param name="Derivation">"frame", "audioTrack" or "resized" (an image sized down for a model that fetches it) for a derived asset.</param>
/// <param name="Duplicate">On an upload: true when identical bytes were already stored and that asset is answered.</param>
/// <param name="ContentUrl">A signed, expiring address of the bytes (any signed-in role may follow it until it expires).</param>
/// <param name="Derived">A source's derived assets (video frames and audio track); null on a derived asset.</param>
public sealed record MediaJson(Guid Id, string FileName, string MimeType, string Kind, string Sha256, long Bytes, int? Width, int? Height, long? DurationMs,
    Guid? SourceAssetId, string? Derivation, long? OffsetMs, string UploadedBy, DateTimeOffset CreatedAt, bool? Duplicate, string? Note, string ContentUrl,
    IReadOnlyList<MediaJson>? Derived)
{
    public static MediaJson Of(MediaAsset asset, IReadOnlyList<MediaAsset> derived, IMediaUrls urls, bool? duplicate = null, string? note = null) => new(
        asset.Id, asset.FileName, asset.MimeType, asset.Kind.ToString().ToLowerInvariant(), asset.Sha256, asset.SizeBytes, asset.Width, asset.Height,
        asset.DurationMs, asset.SourceAssetId, asset.Derivation is { } d ? DerivationName(d) : null, asset.OffsetMs,
        asset.UploadedBy, asset.CreatedAt, duplicate, note ?? NoteFor(asset, derived), urls.For(asset.Id),
        asset.SourceAssetId is null ? derived.Select(c => Of(c, [], urls)).ToList() : null);

    private static string DerivationName(MediaDerivation derivation) => derivation switch
    {
        MediaDerivation.Frame => "frame",
        MediaDerivation.AudioTrack => "audioTrack",
        _ => "resized",
    };

    /// <summary>Said again on every read, not only at upload: a video without sound has no audio track to send to a transcription step.</summary>
    private static string? NoteFor(MediaAsset asset, IReadOnlyList<MediaAsset> derived) =>
        asset.Kind == MediaKind.Video && asset.SourceAssetId is null && derived.All(d => d.Derivation != MediaDerivation.AudioTrack)
            ? "The video has no audio track, so no audio track was derived."
            : null;
}
