using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Media.Storage;

/// <summary>The <see cref="IMediaStorage"/> everyone gets: picks the file system or S3 per call from Media:Storage:Provider, so a settings change applies without a restart.</summary>
public sealed class MediaStorageRouter(IOptionsMonitor<MediaOptions> options, FileSystemMediaStorage fileSystem, S3MediaStorage s3) : IMediaStorage
{
    private IMediaStorage Current => options.CurrentValue.Storage.Provider.Trim().ToUpperInvariant() switch
    {
        "S3" => s3,
        "FILESYSTEM" or "" => fileSystem,
        var other => throw new InvalidOperationException($"Media:Storage:Provider '{other}' is not a media store; use FileSystem or S3."),
    };

    public Task PutAsync(string key, Stream content, string mimeType, CancellationToken cancellationToken) => Current.PutAsync(key, content, mimeType, cancellationToken);

    public Task PutFileAsync(string key, string path, string mimeType, CancellationToken cancellationToken) => Current.PutFileAsync(key, path, mimeType, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => Current.OpenReadAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Current.ExistsAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => Current.DeleteAsync(key, cancellationToken);

    public string? StagingRoot => Current.StagingRoot;
}
