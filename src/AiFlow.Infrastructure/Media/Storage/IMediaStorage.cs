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
}
