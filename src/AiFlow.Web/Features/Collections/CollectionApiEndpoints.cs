using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Web.Api;
using AiFlow.Web.Security;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Features.Collections;

/// <summary>
/// <c>/api/collections</c>: collections and their documents. Admins create collections, change their settings, upload documents (multipart) or
/// name server-read sources, release quarantined documents and delete documents; Admins and Ops read collections with
/// their counts, document lists and jobs with their logs. Every refusal is a problem document naming its field.
/// </summary>
public static class CollectionApiEndpoints
{
    private const int MaxBodyBytes = 256 * 1024;
    private const int MaxPageSize = 200;

    public static void MapCollectionApi(this RouteGroupBuilder api)
    {
        var collections = api.MapGroup("/collections");
        collections.MapGet("/", async (CollectionService service, CancellationToken ct) => Results.Ok((await service.ListAsync(ct)).Select(CollectionJson.Of)))
            .RequireAuthorization(Policies.AdminOps);
        collections.MapPost("/", async (HttpRequest request, CollectionService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<CollectionCreateBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var result = await service.CreateAsync(body!.Key, body.ToSettings(), request.HttpContext.User, ct);
            return ToHttp(result, "collection", c => Results.Created($"/api/collections/{c.Collection.Key}", CollectionJson.Of(c)));
        }).RequireAuthorization(Policies.AdminOnly);
        collections.MapGet("/{key}", async (string key, CollectionService service, CancellationToken ct) =>
            await service.GetAsync(key, ct) is { } found ? Results.Ok(CollectionJson.Of(found)) : NotFound($"There is no collection '{key}'."))
            .RequireAuthorization(Policies.AdminOps);
        collections.MapPut("/{key}", async (string key, HttpRequest request, CollectionService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<CollectionUpdateBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.Version is not { } version) return JsonBinding.Problem("/version", "version is required: the collection's version as read, so a concurrent change is not overwritten.");
            return ToHttp(await service.UpdateAsync(key, version, body.ToSettings(), request.HttpContext.User, ct), "change", c => Results.Ok(CollectionJson.Of(c)));
        }).RequireAuthorization(Policies.AdminOnly);

        collections.MapPost("/{key}/documents", async (string key, HttpRequest request, IngestionService service, IOptionsMonitor<IngestionOptions> options,
            CancellationToken ct) =>
        {
            var (files, manifest, error) = await UploadForm.ReadAsync(request, options.CurrentValue.MaxUploadBytes, ct);
            if (error is not null) return error;
            return Accepted(key, await service.UploadAsync(key, files!, manifest!, request.HttpContext.User, ct));
        }).RequireAuthorization(Policies.AdminOnly);
        collections.MapPost("/{key}/sources", async (string key, HttpRequest request, IngestionService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<SourcesBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            return Accepted(key, await service.IngestSourcesAsync(key, body!.Paths, body.Urls, body.Manifest, request.HttpContext.User, ct));
        }).RequireAuthorization(Policies.AdminOnly);
        collections.MapGet("/{key}/documents", async (string key, HttpRequest request, IngestionService service, CancellationToken ct) =>
        {
            var (status, statusProblem) = StatusParameter(request);
            if (statusProblem is not null) return statusProblem;
            var (page, pageProblem) = ApiQuery.Int(request, "page", 1, 1, ApiQuery.MaxPage);
            if (pageProblem is not null) return pageProblem;
            var (pageSize, sizeProblem) = ApiQuery.Int(request, "pageSize", 50, 1, MaxPageSize);
            if (sizeProblem is not null) return sizeProblem;
            return await service.DocumentsAsync(key, status, page, pageSize, ct) is { } documents
                ? Results.Ok(CollectionJson.Of(documents))
                : NotFound($"There is no collection '{key}'.");
        }).RequireAuthorization(Policies.AdminOps);
        collections.MapGet("/{key}/jobs/{id:guid}", async (string key, Guid id, IngestionService service, CancellationToken ct) =>
            await service.JobAsync(key, id, ct) is { } job ? Results.Ok(CollectionJson.Of(job)) : NotFound($"Collection '{key}' has no ingestion job {id}."))
            .RequireAuthorization(Policies.AdminOps);
        collections.MapPost("/{key}/documents/{id:guid}/release", async (string key, Guid id, HttpRequest request, IngestionService service, CancellationToken ct) =>
            ToHttp(await service.ReleaseAsync(key, id, request.HttpContext.User, ct), "release",
                job => Results.Accepted($"/api/collections/{key}/jobs/{job.Id}", CollectionJson.Of(job))))
            .RequireAuthorization(Policies.AdminOnly);
        collections.MapDelete("/{key}/documents/{id:guid}", async (string key, Guid id, HttpRequest request, IngestionService service, CancellationToken ct) =>
            ToHttp(await service.DeleteAsync(key, id, request.HttpContext.User, ct), "deletion", _ => Results.NoContent()))
            .RequireAuthorization(Policies.AdminOnly);
    }

    /// <summary>202 with the job to watch when something was stored; 200 when every file was skipped as a duplicate.</summary>
    private static IResult Accepted(string key, CollectionResult<UploadOutcome> result) => ToHttp(result, "upload", outcome => outcome.JobId is { } job
        ? Results.Accepted($"/api/collections/{key}/jobs/{job}", CollectionJson.Of(outcome))
        : Results.Ok(CollectionJson.Of(outcome)));

    /// <summary>A status by name (case-insensitive); a number or an unknown word is refused, naming the parameter.</summary>
    private static (DocumentStatus? Status, IResult? Problem) StatusParameter(HttpRequest request)
    {
        var text = request.Query["status"].ToString();
        if (text.Length == 0) return (null, null);
        return EnumNameConverter.Parse<DocumentStatus>(text) is { } status
            ? (status, null)
            : (null, ApiProblems.Parameter("status", $"status is one of {string.Join(", ", Enum.GetNames<DocumentStatus>())}."));
    }

    private static IResult NotFound(string message) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: message);

    private static IResult ToHttp<T>(CollectionResult<T> result, string what, Func<T, IResult> done) => result.Outcome switch
    {
        SaveOutcome.Saved => done(result.Value!),
        SaveOutcome.NotFound => NotFound(result.Message),
        SaveOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message,
            extensions: new Dictionary<string, object?> { ["pointer"] = result.Problems[0].Field }),
        _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {what} was refused; nothing was stored.", detail: result.Message,
            extensions: new Dictionary<string, object?>
            {
                ["pointer"] = result.Problems[0].Field,
                ["errors"] = result.Problems.Select(p => new { pointer = p.Field, message = p.Message }).ToList(),
            }),
    };
}
