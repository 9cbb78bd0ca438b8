using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media.Upload;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// One file's upload: the stored (or already known) asset with what was derived from it, or the refusal. A note says
/// what a user may not expect, such as a video without sound having no audio track.
/// </summary>
public sealed record MediaUploadResult(MediaAsset? Asset, IReadOnlyList<MediaAsset> Derived, bool Duplicate, string? Note, MediaUploadProblem? Problem)
{
    public bool Succeeded => Asset is not null;

    public static MediaUploadResult Refused(MediaUploadProblem problem) => new(null, [], false, null, problem);
}
