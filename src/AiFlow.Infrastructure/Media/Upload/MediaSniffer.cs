using System.Text;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>
/// The MIME type of a file from its first bytes (magic numbers), never from its name. Archives are recognised so they
/// can be refused by name ("a zip archive") instead of as an unknown type: nothing here ever decompresses them.
/// </summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs to see (tar's magic sits at offset 257).</summary>
    public const int HeaderLength = 512;

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (StartsWith(head, PngChunkWalker.Signature)) return "image/png";
        if (StartsWith(head, [0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (Ascii(head, 0, "GIF87a") || Ascii(head, 0, "GIF89a")) return "image/gif";
        if (Ascii(head, 0, "RIFF") && Ascii(head, 8, "WEBP")) return "image/webp";
        if (Ascii(head, 0, "RIFF") && Ascii(head, 8, "WAVE")) return "audio/wav";
        if (Ascii(head, 0, "fLaC")) return "audio/flac";
        if (Ascii(head, 0, "OggS")) return "audio/ogg";
        if (Ascii(head, 0, "ID3") || IsMpegAudioFrame(head)) return "audio/mpeg";
        if (Ascii(head, 4, "ftyp")) return Ascii(head, 8, "qt  ") ? "video/quicktime" : "video/mp4";
        if (StartsWith(head, [0x1A, 0x45, 0xDF, 0xA3])) return Contains(head, "webm") ? "video/webm" : "video/x-matroska";
        return ArchiveName(head) is not null ? "application/x-archive" : null;
    }

    /// <summary>"a zip archive", "a gzip stream"…: the kind of archive or compressed stream, or null.</summary>
    public static string? ArchiveName(ReadOnlySpan<byte> head)
    {
        if (StartsWith(head, [0x50, 0x4B, 0x03, 0x04]) || StartsWith(head, [0x50, 0x4B, 0x05, 0x06])) return "a zip archive";
        if (StartsWith(head, [0x1F, 0x8B])) return "a gzip stream";
        if (StartsWith(head, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return "a 7-Zip archive";
        if (Ascii(head, 0, "Rar!")) return "a RAR archive";
        if (Ascii(head, 0, "BZh")) return "a bzip2 stream";
        if (StartsWith(head, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])) return "an xz stream";
        if (StartsWith(head, [0x28, 0xB5, 0x2F, 0xFD])) return "a zstd stream";
        if (Ascii(head, 257, "ustar")) return "a tar archive";
        return null;
    }

    /// <summary>The type a name's extension claims, or null when the extension says nothing this sniffer knows.</summary>
    public static string? TypeOfExtension(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" or ".jfif" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".wav" or ".wave" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".ogg" or ".oga" or ".opus" => "audio/ogg",
        ".flac" => "audio/flac",
        ".mp4" or ".m4v" => "video/mp4",
        ".mov" or ".qt" => "video/quicktime",
        ".webm" => "video/webm",
        ".zip" or ".gz" or ".tgz" or ".7z" or ".rar" or ".tar" or ".bz2" or ".xz" or ".zst" => "application/x-archive",
        _ => null,
    };

    /// <summary>A claimed Content-Type in the spelling <see cref="Sniff"/> uses; null for none or a generic one that claims nothing.</summary>
    public static string? Normalise(string? contentType)
    {
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "" or "application/octet-stream" or "binary/octet-stream" => null,
            "image/jpg" or "image/pjpeg" => "image/jpeg",
            "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "audio/wav",
            "audio/mp3" or "audio/mpeg3" => "audio/mpeg",
            "audio/x-flac" => "audio/flac",
            "application/ogg" or "audio/opus" or "audio/vorbis" => "audio/ogg",
            "application/zip" or "application/x-zip-compressed" or "application/gzip" or "application/x-gzip" or "application/x-tar"
                or "application/x-7z-compressed" or "application/vnd.rar" or "application/x-bzip2" or "application/x-xz" => "application/x-archive",
            _ => type,
        };
    }

    /// <summary>Whether a claim and the sniffed type agree: MP4 and QuickTime share one container, so either name fits either.</summary>
    public static bool Agree(string claimed, string sniffed) =>
        claimed == sniffed || (IsIsoMedia(claimed) && IsIsoMedia(sniffed));

    public static Domain.Media.MediaKind? KindOf(string mimeType) => mimeType.Split('/')[0] switch
    {
        "image" => Domain.Media.MediaKind.Image,
        "audio" => Domain.Media.MediaKind.Audio,
        "video" => Domain.Media.MediaKind.Video,
        _ => null,
    };

    private static bool IsIsoMedia(string type) => type is "video/mp4" or "video/quicktime";

    // An MPEG audio frame without an ID3 tag: 11 sync bits, a layer that is not "reserved" and a bitrate that is not "bad".
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0 && (head[2] & 0xF0) != 0xF0 && (head[1] & 0x18) != 0x08;

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    private static bool Ascii(ReadOnlySpan<byte> head, int offset, string text) =>
        head.Length >= offset + text.Length && head.Slice(offset, text.Length).SequenceEqual(Encoding.ASCII.GetBytes(text));

    private static bool Contains(ReadOnlySpan<byte> head, string text) => head.IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
