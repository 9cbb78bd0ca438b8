using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Media;
using AiFlow.Web.Api;
using AiFlow.Web.Security;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Features.Media;

/// <summary>
/// <c>/api/media</c>: Admins and Ops upload (multipart, files in <c>files</c>) and list media; any role reads one asset,
/// a Reviewer only media named by a run with something to review; Admins delete. Refusals name the file.
/// </summary>
public static class MediaApiEndpoints
{
    private const int MaxPageSize = 200;

    public static void MapMediaApi(this RouteGroupBuilder api)
    {
        var media = api.MapGroup("/media");
        media.MapPost("/", async (HttpRequest request, MediaUploadService uploads, IOptionsMonitor<MediaOptions> options, IMediaUrls urls, CancellationToken ct) =>
        {
            var (files, error) = await MediaUploadForm.ReadAsync(request, uploads, options.CurrentValue, ct);
            try
            {
                if (error is not null) return error;
                var results = await uploads.CommitAsync(files, request.HttpContext.User.Identity?.Name ?? "unknown", ct);
                var body = results.Select(r => MediaJson.Of(r.Asset!, r.Derived, urls, r.Duplicate, r.Note)).ToList();
                return Results.Created($"/api/media/{results[0].Asset!.Id}", body);
            }
            finally
            {
                foreach (var file in files) file.Dispose();
            }
        }).RequireAuthorization(Policies.AdminOps);
        media.MapGet("/", async (HttpRequest request, MediaCatalog catalog, IMediaUrls urls, CancellationToken ct) =>
        {
            var (page, pageProblem) = ApiQuery.Int(request, "page", 1, 1, ApiQuery.MaxPage);
            if (pageProblem is not null) return pageProblem;
            var (pageSize, sizeProblem) = ApiQuery.Int(request, "pageSize", 50, 1, MaxPageSize);
            if (sizeProblem is not null) return sizeProblem;
            var (items, total) = await catalog.PageAsync(page, pageSize, ct);
            return Results.Ok(new ApiPage<MediaJson>(page, pageSize, total, items.Select(e => MediaJson.Of(e.Asset, e.Derived, urls)).ToList()));
        }).RequireAuthorization(Policies.AdminOps);
        media.MapGet("/{id:guid}", async (Guid id, HttpRequest request, MediaCatalog catalog, MediaReadAccess access, IMediaUrls urls, CancellationToken ct) =>
        {
            var user = request.HttpContext.User;
            // A Reviewer asking for media outside their review work gets the same 404 as an unknown id: ids are not probed.
            if (!user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Ops) && !await access.ReviewerMayReadAsync(id, ct)) return NotFound(id);
            return await catalog.GetAsync(id, ct) is { } entry ? Results.Ok(MediaJson.Of(entry.Asset, entry.Derived, urls)) : NotFound(id);
        }).RequireAuthorization(Policies.AnyRole);
        media.MapDelete("/{id:guid}", async (Guid id, MediaUploadService uploads, CancellationToken ct) =>
            await uploads.DeleteAsync(id, ct) ? Results.NoContent() : NotFound(id))
            .RequireAuthorization(Policies.AdminOnly);
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no media {id}, it was deleted, or you may not read it.");
}
