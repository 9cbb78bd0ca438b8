namespace AiFlow.Infrastructure.Media.Storage;

public static class MediaStorageKeys
{
    /// <summary>"ab/abcdef…": two-character fan-out keeps folders and object listings small.</summary>
    public static string ForSha256(string sha256Hex) => $"{sha256Hex[..2]}/{sha256Hex}";
}
