using AiFlow.Domain.Common;

namespace AiFlow.Domain.Media;

/// <summary>
/// An uploaded image, audio or video file, or one derived from another (a video's sampled frame or audio track).
/// The bytes live in media storage under <see cref="StorageKey"/>; the row holds what was learnt from the bytes, never
/// from the file name. Audited: an upload and a user's delete are changes people make.
/// </summary>
public class MediaAsset : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The name the uploader gave; shown to people, never trusted for the type.</summary>
    public string FileName { get; set; } = "";
    /// <summary>The type sniffed from the bytes.</summary>
    public string MimeType { get; set; } = "";
    public MediaKind Kind { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256 of the bytes; identical uploads share one asset.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>Where the storage keeps the bytes (content-addressed, see <c>MediaStorageKeys</c>).</summary>
    public string StorageKey { get; set; } = "";
    public int? Width { get; set; }
    public int? Height { get; set; }
    public long? DurationMs { get; set; }
    /// <summary>The asset this one was derived from (a video for its frames and audio track).</summary>
    public Guid? SourceAssetId { get; set; }
    public MediaDerivation? Derivation { get; set; }
    /// <summary>For a sampled frame: its position in the source video.</summary>
    public long? OffsetMs { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when the asset was deleted (by a user or retention); its bytes are gone and it can no longer be read.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public uint Version { get; set; }
}
