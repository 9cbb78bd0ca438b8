using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Steps;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Steps;

/// <summary>
/// <c>GET/POST /api/steps</c>, <c>GET /api/steps/{key}</c>, <c>POST /api/steps/{key}/versions</c> (a new draft),
/// <c>PUT /api/steps/{key}/versions/{n}</c> (replace the draft's settings; needs the rowVersion read with it), <c>POST /api/steps/{key}/versions/{n}/publish</c>.
/// Reads for Admin and Ops, changes for Admins; a published version answers 409 to any change.
/// </summary>
public static class StepApiEndpoints
{
    private const int MaxBodyBytes = 256 * 1024;

    public static void MapStepApi(this RouteGroupBuilder api)
    {
        var steps = api.MapGroup("/steps");

        steps.MapGet("/", async (StepAuthoringService service, CancellationToken ct) =>
            Results.Ok((await service.ListAsync(ct)).Select(StepSettingsJson.Of)))
            .RequireAuthorization(Policies.AdminOps);

        steps.MapGet("/{key}", async (string key, StepAuthoringService service, CancellationToken ct) =>
            await service.GetAsync(key, ct) is { } step ? Results.Ok(StepSettingsJson.Of(step)) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        steps.MapPost("/", async (HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<StepCreateBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                return JsonBinding.Problem("/kind", $"kind must be one of {string.Join(", ", service.AuthorableKinds)}.");
            }
            if (service.WhyNotAuthorable(kind) is { } refusal) return JsonBinding.Problem("/kind", refusal);
            var result = await service.CreateStepAsync(body.Key ?? "", body.Name ?? "", kind, body.Description, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "step", s => Results.Created($"/api/steps/{s.Key}", StepSettingsJson.Of(s)));
        }).RequireAuthorization(Policies.AdminOnly);

        steps.MapPost("/{key}/versions", async (string key, HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            StepVersionDraft? settings = null;
            // No body: the new draft starts as a copy of the latest version.
            if (JsonBody.HasBody(request))
            {
                var (body, error) = await JsonBody.BindAsync<StepVersionBody>(request, MaxBodyBytes, ct);
                if (error is not null) return error;
                settings = body!.ToDraft();
            }
            var result = await service.CreateVersionAsync(key, settings, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "step version", v => Results.Created($"/api/steps/{key}", StepSettingsJson.Of(v)));
        }).RequireAuthorization(Policies.AdminOnly);

        steps.MapPut("/{key}/versions/{number:int}", async (string key, int number, HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<StepVersionBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.RowVersion is not { } rowVersion)
            {
                return JsonBinding.Problem("/rowVersion", "rowVersion (from the version you read) is required, so a stale save is a conflict.");
            }
            var result = await service.SaveDraftAsync(key, number, rowVersion, body.ToDraft(), request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "step version", v => Results.Ok(StepSettingsJson.Of(v)));
        }).RequireAuthorization(Policies.AdminOnly);

        steps.MapPost("/{key}/versions/{number:int}/publish", async (string key, int number, HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            uint? rowVersion = null;
            if (JsonBody.HasBody(request))
            {
                var (body, error) = await JsonBody.BindAsync<StepPublishBody>(request, MaxBodyBytes, ct);
                if (error is not null) return error;
                rowVersion = body!.RowVersion;
            }
            var result = await service.PublishAsync(key, number, rowVersion, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "publication", v => Results.Ok(StepSettingsJson.Of(v)));
        }).RequireAuthorization(Policies.AdminOnly);
    }
}
