namespace AiFlow.Infrastructure.Media.Storage;

/// <summary>Where media bytes live. Keys are content-addressed (<see cref="MediaStorageKeys"/>), so a write of the same key is the same bytes.</summary>
public interface IMediaStorage
{
    /// <summary>Stores the bytes under the key; writing an existing key leaves it as it is.</summary>
    Task PutAsync(string key, Stream content, string mimeType, CancellationToken cancellationToken);

    /// <summary>Opens the bytes for reading; throws <see cref="FileNotFoundException"/> when the key holds nothing.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the bytes; a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a staged file under the key; a store on the same disk may move it instead of copying (the file is then gone).</summary>
    async Task PutFileAsync(string key, string path, string mimeType, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await PutAsync(key, file, mimeType, cancellationToken);
    }

    /// <summary>Where uploads are staged before they are stored; null for the system's temporary folder.</summary>
    string? StagingRoot => null;
}
