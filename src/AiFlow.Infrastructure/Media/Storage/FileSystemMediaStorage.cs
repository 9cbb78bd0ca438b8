using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Media.Storage;

/// <summary>The embedded default: files under <see cref="MediaStorageOptions.RootPath"/>, written to a temporary name and moved, so a reader never sees half a file.</summary>
public sealed class FileSystemMediaStorage(IOptionsMonitor<MediaOptions> options) : IMediaStorage
{
    public async Task PutAsync(string key, Stream content, string mimeType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Staged uploads sit on the same disk as the store, so storing one is a rename, not a second copy.</summary>
    public Task PutFileAsync(string key, string path, string mimeType, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        if (File.Exists(target))
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(path, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same bytes won the race: the key already holds them.
        }

        return Task.CompletedTask;
    }

    public string? StagingRoot => Path.Combine(Root, ".staging");

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Media '{key}' is not in storage.", key);
        }

        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public string Root
    {
        get
        {
            var configured = options.CurrentValue.Storage.RootPath;
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "aiflow", "media")
                : Path.GetFullPath(configured);
        }
    }

    private string PathOf(string key)
    {
        // Keys are made by MediaStorageKeys; refusing anything else keeps a crafted key from leaving the root.
        if (key.Length < 4 || key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key) || key.Contains('\\'))
        {
            throw new ArgumentException($"'{key}' is not a media storage key.", nameof(key));
        }

        return Path.Combine(Root, key);
    }
}
