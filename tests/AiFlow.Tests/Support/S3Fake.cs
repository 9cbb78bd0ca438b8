using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFlow.Tests.Support;

/// <summary>
/// A small S3-compatible object store on Kestrel for tests: path-style PUT, GET, HEAD and DELETE of objects, the
/// way the AWS SDK calls them with ForcePathStyle. Signatures are not checked; each request is recorded.
/// </summary>
public sealed class S3Fake : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> Objects { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Requests { get; } = new();
    public Uri Address { get; private set; } = null!;

    private S3Fake(WebApplication app) => _app = app;

    public static async Task<S3Fake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new S3Fake(app);
        app.Map("/{bucket}/{**key}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Address = new Uri(address);
        return fake;
    }

    private async Task HandleAsync(HttpContext context, string bucket, string key)
    {
        var name = $"{bucket}/{key}";
        Requests.Enqueue($"{context.Request.Method} {name}");
        switch (context.Request.Method)
        {
            case "PUT":
                using (var buffer = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(buffer);
                    var bytes = buffer.ToArray();
                    Objects[name] = (bytes, context.Request.ContentType ?? "application/octet-stream");
                    context.Response.Headers.ETag = ETag(bytes);
                }
                return;
            case "GET" or "HEAD":
                if (!Objects.TryGetValue(name, out var found))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    if (context.Request.Method == "GET")
                    {
                        context.Response.ContentType = "application/xml";
                        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>{key}</Key></Error>");
                    }
                    return;
                }
                context.Response.ContentType = found.ContentType;
                context.Response.ContentLength = found.Bytes.Length;
                context.Response.Headers.ETag = ETag(found.Bytes);
                context.Response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R");
                if (context.Request.Method == "GET") await context.Response.Body.WriteAsync(found.Bytes);
                return;
            case "DELETE":
                Objects.TryRemove(name, out _);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
        }
    }

    // S3 defines a simple object's ETag as the MD5 of its bytes; the fake speaks the protocol, it protects nothing.
#pragma warning disable CA5351
    private static string ETag(byte[] bytes) => $"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"";
#pragma warning restore CA5351

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
