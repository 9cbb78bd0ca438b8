using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary>
/// Seed 001's IR schema routes: reads for Admin and Ops, mutations for Admins, validation for every signed-in role and API key. A PUT may name
/// the latest version it knew (<c>"expectedLatest": 3</c>): if another was saved meanwhile the answer is 409 and nothing is saved.
/// </summary>
public static class IrSchemaApiEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static void MapIrSchemaApi(this RouteGroupBuilder api)
    {
        var schemas = api.MapGroup("/ir-schemas");

        schemas.MapGet("/", async (Guid? stepVersionId, IrSchemaService service, CancellationToken ct) =>
            Results.Ok(await service.ListAsync(stepVersionId, ct)))
            .RequireAuthorization(Policies.AdminOps);

        schemas.MapPost("/", async (HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var result = await service.CreateAsync(body?["name"]?.GetValue<string>() ?? "", ReadGuid(body?["stepDefinitionId"]), body?["schema"],
                body?["assertFormats"]?.GetValue<bool>() ?? false, request.HttpContext.User, ct);
            return result.Succeeded ? Results.Created($"/api/ir-schemas/{result.SchemaId}", result) : NotSaved(result);
        }).RequireAuthorization(Policies.AdminOnly);

        schemas.MapPut("/{id:guid}", async (Guid id, HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var result = await service.AddVersionAsync(id, body?["schema"], body?["assertFormats"]?.GetValue<bool>() ?? false,
                body?["expectedLatest"]?.GetValue<int>(), request.HttpContext.User, ct);
            return result.Succeeded ? Results.Ok(result) : NotSaved(result);
        }).RequireAuthorization(Policies.AdminOnly);

        schemas.MapPost("/{id:guid}/activate", async (Guid id, HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var result = await service.ActivateAsync(id, request.HttpContext.User, ct);
            return result.Succeeded ? Results.NoContent() : NotSaved(result);
        }).RequireAuthorization(Policies.AdminOnly);

        schemas.MapPost("/validate", async (HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body is not JsonObject o || (!o.ContainsKey("schema") && !o.ContainsKey("schemaId")) || !o.ContainsKey("instance"))
            {
                return Results.Problem(statusCode: 400, title: "Send { \"schema\": {...} or \"schemaId\": \"...\", \"instance\": ..., \"options\": { \"assertFormats\": bool } }.");
            }
            var (found, valid, errors) = await service.ValidateAsync(o["schema"], ReadGuid(o["schemaId"]), o["instance"],
                o["options"]?["assertFormats"]?.GetValue<bool>() ?? false, ct);
            return found ? Results.Ok(new { valid, errors }) : Results.NotFound(new { message = "There is no such schema version." });
        });
    }

    private static Guid? ReadGuid(JsonNode? node) => Guid.TryParse(node?.GetValue<string>(), out var id) ? id : null;

    private static IResult NotSaved(IrSchemaWriteResult result) => result.Outcome switch
    {
        IrSchemaWriteOutcome.NotFound => Results.NotFound(new { message = result.Errors[0] }),
        IrSchemaWriteOutcome.Conflict => Results.Conflict(new { message = result.Errors[0], errors = result.Errors }),
        _ => Results.BadRequest(new { message = "The schema was refused; nothing was saved.", errors = result.Errors }),
    };
}
