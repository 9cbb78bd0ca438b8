using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace AiFlow.Web.Features.Media;

/// <summary>
/// <c>GET /media/{id}/content?token=…</c>: an asset's bytes for the console's image, audio and video elements, and for
/// model servers that fetch images by URL (ADR 0034). Served to a signed-in user holding a token <see cref="MediaUrls"/>
/// issued for this asset, or to anyone holding a short-lived fetch token <see cref="MediaFetchUrls"/> issued for it (a
/// GPU server has no session), in both cases not yet expired; with the sniffed type and <c>nosniff</c>, and with range
/// requests so players can seek.
/// </summary>
public static class MediaContentEndpoints
{
    public static void MapMediaContent(this WebApplication app)
    {
        app.MapGet("/media/{id:guid}/content", async (Guid id, string? token, MediaUrls urls, MediaFetchUrls fetchUrls, MediaLibrary library, IMediaStorage storage,
            IAuthorizationService authorization, HttpContext http, CancellationToken ct) =>
        {
            // A fetch token is the whole authorisation; a page's token also needs the session it was shown in (any role).
            if (!fetchUrls.Verify(id, token))
            {
                if (!(await authorization.AuthorizeAsync(http.User, Policies.AnyRole)).Succeeded)
                {
                    return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
                }
                // One answer for a bad token and an unknown asset, so a token cannot be used to probe which ids exist.
                if (!urls.Verify(id, token)) return Results.NotFound();
            }
            var asset = await library.FindAsync(id, ct);
            if (asset is null || asset.DeletedAt is not null) return Results.NotFound();
            Stream stream;
            try
            {
                stream = await storage.OpenReadAsync(asset.StorageKey, ct);
            }
            catch (FileNotFoundException)
            {
                return Results.NotFound();
            }

            // An object store's body cannot seek; players need ranges to seek, so it is buffered to a temporary file first.
            if (!stream.CanSeek) stream = await BufferAsync(stream, ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, max-age=300";
            return Results.Stream(stream, asset.MimeType, enableRangeProcessing: true);
        }).AllowAnonymous();
    }

    private static async Task<Stream> BufferAsync(Stream source, CancellationToken cancellationToken)
    {
        await using (source)
        {
            var path = Path.Combine(Path.GetTempPath(), "aiflow-media-" + Guid.NewGuid().ToString("N"));
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await source.CopyToAsync(file, cancellationToken);
                file.Position = 0;
                return file;
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }
    }
}
