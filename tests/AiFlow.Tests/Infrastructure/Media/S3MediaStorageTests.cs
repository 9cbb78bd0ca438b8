using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.Infrastructure.Media;

/// <summary>The S3 store against an S3-compatible fake on Kestrel, and the router choosing the store per call from the options.</summary>
public sealed class S3MediaStorageTests : IAsyncLifetime
{
    private const string KeyVariable = "AIFLOW_TEST_S3_KEY";
    private const string SecretVariable = "AIFLOW_TEST_S3_SECRET";
    private S3Fake fake = null!;
    private MutableOptionsMonitor<MediaOptions> options = null!;
    private readonly string root = Path.Combine(Path.GetTempPath(), "aiflow-media-s3test-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(KeyVariable, "test-access-key");
        Environment.SetEnvironmentVariable(SecretVariable, "test-secret-key");
        fake = await S3Fake.StartAsync();
        options = new MutableOptionsMonitor<MediaOptions>(Options("S3"));
    }

    private MediaOptions Options(string provider) => new()
    {
        Storage = new MediaStorageOptions
        {
            Provider = provider, RootPath = root,
            S3 = new MediaS3Options { ServiceUrl = fake.Address.ToString(), Bucket = "media", AccessKeyIdVariable = KeyVariable, SecretAccessKeyVariable = SecretVariable },
        },
    };

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task The_s3_store_puts_reads_checks_and_deletes_objects_path_style()
    {
        using var s3 = new S3MediaStorage(options);
        var bytes = MediaFiles.Png(16, 16);
        var key = MediaStorageKeys.ForSha256(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));

        await s3.PutAsync(key, new MemoryStream(bytes), "image/png", CancellationToken.None);
        Assert.True(await s3.ExistsAsync(key, CancellationToken.None));
        await using (var read = await s3.OpenReadAsync(key, CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        Assert.Equal("image/png", fake.Objects["media/" + key].ContentType);
        Assert.Equal(bytes, fake.Objects["media/" + key].Bytes);
        await s3.DeleteAsync(key, CancellationToken.None);

        Assert.False(await s3.ExistsAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => s3.OpenReadAsync(key, CancellationToken.None));
        Assert.Contains(fake.Requests, r => r.StartsWith("PUT media/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_router_follows_a_provider_change_on_the_next_call_without_a_restart()
    {
        options.CurrentValue = Options("FileSystem");
        using var s3 = new S3MediaStorage(options);
        var router = new MediaStorageRouter(options, new FileSystemMediaStorage(options), s3);

        await router.PutAsync("aa/on-disk", new MemoryStream([1, 2, 3]), "image/png", CancellationToken.None);
        options.CurrentValue = Options("S3");
        await router.PutAsync("bb/in-bucket", new MemoryStream([4, 5, 6]), "image/png", CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(root, "aa", "on-disk")));
        Assert.False(File.Exists(Path.Combine(root, "bb", "in-bucket")));
        Assert.Equal([4, 5, 6], fake.Objects["media/bb/in-bucket"].Bytes);
    }

    [Fact]
    public async Task Missing_credentials_name_the_environment_variables_to_set_and_never_a_value()
    {
        options.CurrentValue = Options("S3");
        options.CurrentValue.Storage.S3.AccessKeyIdVariable = "AIFLOW_TEST_S3_UNSET_" + Guid.NewGuid().ToString("N");
        using var s3 = new S3MediaStorage(options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => s3.ExistsAsync("aa/x", CancellationToken.None));

        Assert.Contains(options.CurrentValue.Storage.S3.AccessKeyIdVariable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-secret-key", error.Message, StringComparison.Ordinal);
    }
}
