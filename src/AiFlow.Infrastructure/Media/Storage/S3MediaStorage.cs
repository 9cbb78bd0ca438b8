using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Media.Storage;

/// <summary>
/// Media on an S3-compatible object store (AWS S3, MinIO, GCS's interoperability API), path-style by default. The
/// credentials come from the environment variables the options name, never from configuration values; a client is
/// kept per service address, bucket, region and credentials, so a settings change applies on the next call.
/// </summary>
public sealed class S3MediaStorage(IOptionsMonitor<MediaOptions> options) : IMediaStorage, IDisposable
{
    private readonly Lock _gate = new();
    private (string Identity, AmazonS3Client Client)? _cached;

    public async Task PutAsync(string key, Stream content, string mimeType, CancellationToken cancellationToken)
    {
        var (client, bucket) = Client();
        if (await ExistsAsync(client, bucket, key, cancellationToken))
        {
            return;
        }

        // The SDK needs a length: a stream that cannot tell it is staged to a temporary file first.
        Stream body = content;
        string? staged = null;
        if (!content.CanSeek)
        {
            staged = Path.Combine(Path.GetTempPath(), "aiflow-s3-" + Guid.NewGuid().ToString("N"));
            body = new FileStream(staged, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await content.CopyToAsync(body, cancellationToken);
            body.Position = 0;
        }

        try
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = key, InputStream = body, ContentType = mimeType, AutoCloseStream = false, UseChunkEncoding = false,
            }, cancellationToken);
        }
        finally
        {
            if (staged is not null)
            {
                await body.DisposeAsync();
            }
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var (client, bucket) = Client();
        try
        {
            var response = await client.GetObjectAsync(bucket, key, cancellationToken);
            return new OwnedStream(response.ResponseStream, response);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"Media '{key}' is not in storage.", key, ex);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var (client, bucket) = Client();
        return ExistsAsync(client, bucket, key, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var (client, bucket) = Client();
        await client.DeleteObjectAsync(bucket, key, cancellationToken);
    }

    public void Dispose() => _cached?.Client.Dispose();

    private static async Task<bool> ExistsAsync(AmazonS3Client client, string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private (AmazonS3Client Client, string Bucket) Client()
    {
        var s3 = options.CurrentValue.Storage.S3;
        var accessKey = Environment.GetEnvironmentVariable(s3.AccessKeyIdVariable) ?? "";
        var secret = Environment.GetEnvironmentVariable(s3.SecretAccessKeyVariable) ?? "";
        if (accessKey.Length == 0 || secret.Length == 0)
        {
            throw new InvalidOperationException(
                $"S3 media storage needs credentials in the environment variables {s3.AccessKeyIdVariable} and {s3.SecretAccessKeyVariable} (Media:Storage:S3).");
        }

        var identity = string.Join('\n', s3.ServiceUrl, s3.Region, s3.ForcePathStyle, accessKey, secret);
        lock (_gate)
        {
            if (_cached is { } cached && cached.Identity == identity)
            {
                return (cached.Client, s3.Bucket);
            }

            var config = new AmazonS3Config
            {
                ForcePathStyle = s3.ForcePathStyle,
                // Checksums only where S3 demands them: many S3-compatible stores do not speak aws-chunked trailers.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            };
            if (s3.ServiceUrl.Length > 0)
            {
                config.ServiceURL = s3.ServiceUrl;
                config.AuthenticationRegion = s3.Region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(s3.Region);
            }

            var client = new AmazonS3Client(new BasicAWSCredentials(accessKey, secret), config);
            // The replaced client may still serve a read in flight; it is left to the collector rather than disposed under it.
            _cached = (identity, client);
            return (client, s3.Bucket);
        }
    }

    /// <summary>The object's body, disposing the SDK response with it.</summary>
    private sealed class OwnedStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
