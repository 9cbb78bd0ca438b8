using System.Text.Json;
using System.Text.Json.Nodes;
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
            var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var kindText = body!["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : "";
            if (!Enum.TryParse<StepKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                return SaveResultHttp.Refused("step", [$"kind must be one of {string.Join(", ", Enum.GetNames<StepKind>())}."]);
            }
            var result = await service.CreateStepAsync(Text(body, "key") ?? "", Text(body, "name") ?? "", kind, Text(body, "description"), request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "step", s => Results.Created($"/api/steps/{s.Key}", StepSettingsJson.Of(s)));
        }).RequireAuthorization(Policies.AdminOnly);

        steps.MapPost("/{key}/versions", async (string key, HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            StepVersionDraft? settings = null;
            // No body: the new draft starts as a copy of the latest version.
            if (request.ContentLength is not 0)
            {
                var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
                if (error is not null) return error;
                var problems = new List<string>();
                settings = StepSettingsJson.Read(body!, problems);
                if (problems.Count > 0) return SaveResultHttp.Refused("step version", problems);
            }
            var result = await service.CreateVersionAsync(key, settings, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "step version", v => Results.Created($"/api/steps/{key}", StepSettingsJson.Of(v)));
        }).RequireAuthorization(Policies.AdminOnly);

        steps.MapPut("/{key}/versions/{number:int}", async (string key, int number, HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var problems = new List<string>();
            var rowVersion = RowVersion(body!, problems);
            var settings = StepSettingsJson.Read(body!, problems);
            if (rowVersion is null) problems.Add("rowVersion (from the version you read) is required, so a stale save is a conflict.");
            if (problems.Count > 0) return SaveResultHttp.Refused("step version", problems);
            var result = await service.SaveDraftAsync(key, number, rowVersion!.Value, settings, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "step version", v => Results.Ok(StepSettingsJson.Of(v)));
        }).RequireAuthorization(Policies.AdminOnly);

        steps.MapPost("/{key}/versions/{number:int}/publish", async (string key, int number, HttpRequest request, StepAuthoringService service, CancellationToken ct) =>
        {
            uint? rowVersion = null;
            if (request.ContentLength is not 0)
            {
                var (body, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
                if (error is not null) return error;
                var problems = new List<string>();
                rowVersion = RowVersion(body!, problems);
                if (problems.Count > 0) return SaveResultHttp.Refused("publication", problems);
            }
            var result = await service.PublishAsync(key, number, rowVersion, request.HttpContext.User, ct);
            return SaveResultHttp.ToHttp(result, "publication", v => Results.Ok(StepSettingsJson.Of(v)));
        }).RequireAuthorization(Policies.AdminOnly);
    }

    private static uint? RowVersion(JsonObject body, List<string> problems)
    {
        if (body["rowVersion"] is not { } node) return null;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<uint>(out var value)) return value;
        problems.Add("rowVersion must be the whole number read with the version.");
        return null;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
