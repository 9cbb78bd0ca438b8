using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;

namespace AiFlow.Web.Features.Media;

/// <summary>An asset as the API shows it: what was learnt from its bytes, what was derived from it, and a signed address for its bytes.</summary>
internal static class MediaJson
{
    public static object Of(MediaAsset asset, IReadOnlyList<MediaAsset> derived, IMediaUrls urls, bool? duplicate = null, string? note = null) => new
    {
        id = asset.Id,
        fileName = asset.FileName,
        mimeType = asset.MimeType,
        kind = asset.Kind.ToString().ToLowerInvariant(),
        sha256 = asset.Sha256,
        bytes = asset.SizeBytes,
        width = asset.Width,
        height = asset.Height,
        durationMs = asset.DurationMs,
        sourceAssetId = asset.SourceAssetId,
        derivation = asset.Derivation is { } d ? (d == MediaDerivation.Frame ? "frame" : "audioTrack") : null,
        offsetMs = asset.OffsetMs,
        uploadedBy = asset.UploadedBy,
        createdAt = asset.CreatedAt,
        duplicate,
        note = note ?? NoteFor(asset, derived),
        contentUrl = urls.For(asset.Id),
        derived = asset.SourceAssetId is null ? derived.Select(c => Of(c, [], urls)).ToList() : null,
    };

    /// <summary>Said again on every read, not only at upload: a video without sound has no audio track to send to a transcription step.</summary>
    private static string? NoteFor(MediaAsset asset, IReadOnlyList<MediaAsset> derived) =>
        asset.Kind == MediaKind.Video && asset.SourceAssetId is null && derived.All(d => d.Derivation != MediaDerivation.AudioTrack)
            ? "The video has no audio track, so no audio track was derived."
            : null;
}
