using System.Text.Json;
using System.Text.Json.Nodes;
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
            var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            PromptVersionDraft? first = null;
            if (body!.ContainsKey("template"))
            {
                (first, error) = Draft(body);
                if (error is not null) return error;
            }
            var result = await service.CreateTemplateAsync(Text(body, "key"), Text(body, "name"), first, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "prompt template", t => Results.Created($"/api/prompts/{t.Id}", t));
        }).RequireAuthorization(Policies.AdminOnly);

        prompts.MapPost("/{id:guid}/versions", async (Guid id, HttpRequest request, PromptTemplateService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var (draft, problem) = Draft(body!);
            if (problem is not null) return problem;
            var result = await service.CreateVersionAsync(id, draft!, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "prompt version", v => Results.Created($"/api/prompts/{id}", v));
        }).RequireAuthorization(Policies.AdminOnly);

        prompts.MapPost("/preview", async (HttpRequest request, PromptTemplateService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var parameters = body!["params"] as JsonObject;
            PromptPreview? preview;
            if (Guid.TryParse(Text(body, "versionId"), out var versionId))
            {
                preview = await service.PreviewAsync(versionId, Text(body, "variant"), body["input"], parameters, ct);
                if (preview is null) return Results.NotFound(new { message = "There is no such prompt version." });
            }
            else if (body["template"] is JsonValue template && template.GetValueKind() == JsonValueKind.String)
            {
                preview = PromptTemplateService.Preview(template.GetValue<string>(), body["input"], parameters);
            }
            else
            {
                return Results.Problem(statusCode: 400, title: "Send { \"template\": \"...\" } or { \"versionId\": \"...\", \"variant\": \"B\" }, with \"input\": {...} and optionally \"params\": {...}.");
            }
            return preview.Rendered is null
                ? Results.BadRequest(new { message = "The template does not render.", errors = preview.Problems, preview.VariablePaths })
                : Results.Ok(preview);
        }).RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);
    }

    private static (PromptVersionDraft? Draft, IResult? Error) Draft(JsonObject body)
    {
        try
        {
            var variants = body["variants"]?.Deserialize<List<PromptVariant>>(JsonSerializerOptions.Web) ?? [];
            if (variants.Any(v => v is null || v.Name is null || v.Template is null))
            {
                return (null, Results.Problem(statusCode: 400, title: "Each variant is { \"name\": \"B\", \"template\": \"...\", \"weight\": 1 }."));
            }
            return (new PromptVersionDraft(Text(body, "systemPrompt"), Text(body, "template"), variants, body["basedOn"]?.GetValue<int>()), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, Results.Problem(statusCode: 400, title: "The version is malformed.", detail: ex.Message));
        }
    }

    private static string Text(JsonObject body, string name) =>
        body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
