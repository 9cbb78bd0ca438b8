namespace AiFlow.Infrastructure.Media;

/// <summary>Media policy and storage (section <c>Media</c>); read through IOptionsMonitor so settings apply without a restart.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload; a stream past it is cut off and refused, never written whole.</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Sniffed MIME types this deployment accepts.</summary>
    public List<string> AllowedMimeTypes { get; set; } =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "audio/wav", "audio/mpeg", "audio/ogg", "audio/flac", "video/mp4", "video/webm", "video/quicktime"];

    /// <summary>How many frames per second of video are sampled into derived image assets.</summary>
    public double FramesPerSecond { get; set; } = 0.5;

    /// <summary>At most this many frames are sampled from one video, whatever its length, so a long video cannot flood storage.</summary>
    public int MaxFramesPerVideo { get; set; } = 300;

    /// <summary>Largest image (width × height) accepted: a small file that would decode to gigabytes is refused.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    /// <summary>How many files one request may carry.</summary>
    public int MaxFilesPerRequest { get; set; } = 20;

    /// <summary>Time ffprobe and ffmpeg get per file before they are stopped and the upload refused.</summary>
    public int ProbeTimeoutSeconds { get; set; } = 120;

    /// <summary>The ffmpeg and ffprobe executables (Debian's <c>ffmpeg</c> package puts both on the PATH).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";
    public string FfprobePath { get; set; } = "ffprobe";

    public MediaStorageOptions Storage { get; set; } = new();

    /// <summary>
    /// The console's address as model servers reach it (absolute http or https, e.g. <c>https://aiflow.example.com</c>).
    /// Null: no media is sent by URL and every image goes inline, whatever an endpoint can fetch (ADR 0034).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a media address handed to a model server stays valid: long enough for a queued call, short enough not to matter once copied.</summary>
    public int FetchUrlMinutes { get; set; } = 15;

    /// <summary>Null when the options make sense, else what is wrong (checked at start and when settings change).</summary>
    public string? Problem()
    {
        if (FetchUrlMinutes is < 1 or > 24 * 60) return "Media:FetchUrlMinutes must be between 1 and 1440.";
        if (string.IsNullOrWhiteSpace(PublicBaseUrl)) return null;
        return Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : "Media:PublicBaseUrl must be an absolute http or https address without query, fragment or credentials.";
    }
}

public sealed class MediaStorageOptions
{
    /// <summary><c>FileSystem</c> (the embedded default) or <c>S3</c>.</summary>
    public string Provider { get; set; } = "FileSystem";

    /// <summary>Folder for the file-system store; empty means the user's local application data folder (aiflow/media).</summary>
    public string RootPath { get; set; } = "";

    public MediaS3Options S3 { get; set; } = new();
}

public sealed class MediaS3Options
{
    public string ServiceUrl { get; set; } = "";
    public string Bucket { get; set; } = "aiflow-media";
    public string Region { get; set; } = "us-east-1";
    /// <summary>Names of the environment variables holding the credentials: references, never the secrets themselves.</summary>
    public string AccessKeyIdVariable { get; set; } = "AIFLOW_S3_ACCESS_KEY_ID";
    public string SecretAccessKeyVariable { get; set; } = "AIFLOW_S3_SECRET_ACCESS_KEY";
    public bool ForcePathStyle { get; set; } = true;
}
