using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Prompts;

/// <summary>
/// <c>GET/POST /api/prompts</c>, <c>GET /api/prompts/{id}</c>, <c>POST /api/prompts/{id}/versions</c>,
/// <c>POST /api/prompts/preview</c>: reads and previews for Admin and Ops, changes for Admins.
/// </summary>
public static class PromptApiEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static void MapPromptApi(this RouteGroupBuilder api)
    {
        var prompts = api.MapGroup("/prompts");

        prompts.MapGet("/", async (PromptTemplateService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)))
            .RequireAuthorization(Policies.AdminOps);

        prompts.MapGet("/{id:guid}", async (Guid id, PromptTemplateService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } template ? Results.Ok(template) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        prompts.MapPost("/", async (HttpRequest request, PromptTemplateService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<PromptTemplateBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            PromptVersionDraft? first = null;
            if (body!.FirstVersion() is { } version && (first = version.ToDraft()) is null) return VariantProblem();
            var result = await service.CreateTemplateAsync(body.Key ?? "", body.Name ?? "", first, request.HttpContext.User, ct);
            // Answered as GET /api/prompts/{id} answers (versions as a list), so a client reads one shape of a template.
            var created = result.Saved ? await service.GetAsync(result.Value!.Id, ct) : null;
            return SaveResultHttp.ToHttp(result, "prompt template", t => Results.Created($"/api/prompts/{t.Id}", created));
        }).RequireAuthorization(Policies.AdminOnly);

        prompts.MapPost("/{id:guid}/versions", async (Guid id, HttpRequest request, PromptTemplateService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<PromptVersionBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.ToDraft() is not { } draft) return VariantProblem();
            var result = await service.CreateVersionAsync(id, draft, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "prompt version", v => Results.Created($"/api/prompts/{id}", v));
        }).RequireAuthorization(Policies.AdminOnly);

        prompts.MapPost("/preview", async (HttpRequest request, PromptTemplateService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<PromptPreviewBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            PromptPreview? preview;
            if (body!.VersionId is { } versionId)
            {
                preview = await service.PreviewAsync(versionId, body.Variant, body.Input, body.Params, ct);
                if (preview is null) return ApiProblems.Status(StatusCodes.Status404NotFound, "There is no such prompt version.");
            }
            else if (body.Template is { } template)
            {
                preview = PromptTemplateService.Preview(template, body.Input, body.Params);
            }
            else
            {
                return JsonBinding.Problem("/template", "Send { \"template\": \"...\" } or { \"versionId\": \"...\", \"variant\": \"B\" }, with \"input\": {...} and optionally \"params\": {...}.");
            }
            return preview.Rendered is null
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The template does not render.",
                    extensions: new Dictionary<string, object?> { ["errors"] = preview.Problems, ["variablePaths"] = preview.VariablePaths })
                : Results.Ok(preview);
        }).RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);
    }

    private static IResult VariantProblem() =>
        JsonBinding.Problem("/variants", "Each variant is { \"name\": \"B\", \"template\": \"...\", \"weight\": 1 }.");
}
