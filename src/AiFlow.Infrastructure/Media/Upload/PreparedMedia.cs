using AiFlow.Domain.Media;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>
/// An upload checked and probed in a staging folder but not yet stored: a request's files are all prepared before any
/// is stored, so one bad file leaves nothing half-stored. The upload is staged at <see cref="UploadPath"/>, what is derived
/// from it (a video's frames and sound track) in <see cref="StagingFolder"/>, made only then. Disposing removes both.
/// </summary>
public sealed class PreparedMedia(string fileName, string stagingFolder) : IDisposable
{
    public string FileName { get; } = fileName;
    public string StagingFolder { get; } = stagingFolder;
    public string UploadPath => StagingFolder + ".upload";
    public MediaUploadProblem? Problem { get; set; }
    public PreparedFile? File { get; set; }
    public List<PreparedFile> Derived { get; } = [];
    public string? Note { get; set; }

    public void Dispose()
    {
        try
        {
            // Storing moves the upload away; what is left here was refused or is a duplicate.
            System.IO.File.Delete(UploadPath);
            if (Directory.Exists(StagingFolder)) Directory.Delete(StagingFolder, recursive: true);
        }
        catch (IOException)
        {
            // A staging folder left behind is only disk space; the upload's answer must not depend on it.
        }
    }
}

/// <summary>A staged file with what was learnt from its bytes.</summary>
public sealed record PreparedFile(string Path, string MimeType, MediaKind Kind, string Sha256, long Bytes)
{
    public int? Width { get; init; }
    public int? Height { get; init; }
    public long? DurationMs { get; init; }
    public MediaDerivation? Derivation { get; init; }
    public long? OffsetMs { get; init; }
}
