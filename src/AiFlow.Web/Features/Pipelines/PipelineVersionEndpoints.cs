using AiFlow.Web.Api;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.Pipelines.Bundles;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Pipelines;

/// <summary>Admin-only version endpoints: history, export of a published version as a bundle, import of a bundle (ADR 0030).</summary>
public static class PipelineVersionEndpoints
{
    private const string NotImported = "The bundle was not imported; nothing was saved.";

    public static void MapPipelineVersionEndpoints(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/pipelines/{key}/versions").RequireAuthorization(Policies.AdminOnly);
        versions.MapGet("/", async (string key, PipelineAuthoringService service, CancellationToken ct) =>
        {
            var history = await service.HistoryAsync(key, ct);
            return history.Count == 0 ? Results.NotFound() : Results.Ok(history);
        });
        versions.MapGet("/{number:int}/export", async (string key, int number, PipelineBundleService service, CancellationToken ct) =>
        {
            var export = await service.ExportAsync(key, number, ct);
            if (export.NotFound) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: export.Refusal);
            return export.Json is null
                ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: export.Refusal)
                : Results.File(System.Text.Encoding.UTF8.GetBytes(export.Json), "application/json", export.FileName);
        });
        versions.MapPost("/import", async (string key, HttpRequest request, PipelineBundleService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, BundleFile.MaxBytes, ct);
            if (error is not null) return error;
            var bundle = BundleFile.Bind(body!, out var issue);
            if (bundle is null) return Refused(StatusCodes.Status400BadRequest, [issue!]);
            var result = await service.ImportAsync(bundle, key, request.HttpContext.User, ct);
            return result.Outcome switch
            {
                BundleImportOutcome.Imported or BundleImportOutcome.Unchanged => Results.Ok(BundleImported.Of(result)),
                BundleImportOutcome.Conflict => Refused(StatusCodes.Status409Conflict, result.Issues),
                _ => Refused(StatusCodes.Status400BadRequest, result.Issues),
            };
        });
    }

    /// <summary>A problem naming the first reason by pointer and listing every reason in <c>errors</c>.</summary>
    private static IResult Refused(int status, IReadOnlyList<BundleIssue> issues) =>
        Results.Problem(statusCode: status, title: NotImported, detail: issues[0].Message, extensions: new Dictionary<string, object?>
        {
            ["pointer"] = issues[0].Pointer,
            ["errors"] = issues.Select(i => new { i.Pointer, i.Message }).ToList(),
        });
}
