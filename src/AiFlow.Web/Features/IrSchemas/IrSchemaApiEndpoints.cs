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

        // Where a create's Location points: the schema's versions, newest last, as the list shows them.
        schemas.MapGet("/{id:guid}", async (Guid id, IrSchemaService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { Count: > 0 } versions
                ? Results.Ok(versions)
                : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        schemas.MapPost("/", async (HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<IrSchemaCreateBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var result = await service.CreateAsync(body!.Name ?? "", body.StepDefinitionId, body.Schema, body.AssertFormats ?? false, request.HttpContext.User, ct);
            return result.Succeeded ? Results.Created($"/api/ir-schemas/{result.SchemaId}", result) : NotSaved(result);
        }).RequireAuthorization(Policies.AdminOnly);

        schemas.MapPut("/{id:guid}", async (Guid id, HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<IrSchemaVersionBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var result = await service.AddVersionAsync(id, body!.Schema, body.AssertFormats ?? false, body.ExpectedLatest, request.HttpContext.User, ct);
            return result.Succeeded ? Results.Ok(result) : NotSaved(result);
        }).RequireAuthorization(Policies.AdminOnly);

        schemas.MapPost("/{id:guid}/activate", async (Guid id, HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            var result = await service.ActivateAsync(id, request.HttpContext.User, ct);
            return result.Succeeded ? Results.NoContent() : NotSaved(result);
        }).RequireAuthorization(Policies.AdminOnly);

        schemas.MapPost("/validate", async (HttpRequest request, IrSchemaService service, CancellationToken ct) =>
        {
            // Read as an object first: "instance": null is an instance to check, a missing one is not.
            var (o, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var (body, invalid) = JsonBinding.Bind<IrSchemaValidateBody>(o!);
            if (invalid is not null) return invalid;
            // Member names bind without regard to case, so presence is judged the same way.
            var hasInstance = o!.Any(m => string.Equals(m.Key, "instance", StringComparison.OrdinalIgnoreCase));
            if ((body!.Schema is null && body.SchemaId is null) || !hasInstance)
            {
                return JsonBinding.Problem(hasInstance ? "/schema" : "/instance",
                    "Send { \"schema\": {...} or \"schemaId\": \"...\", \"instance\": ..., \"options\": { \"assertFormats\": bool } }.");
            }
            var (found, valid, errors) = await service.ValidateAsync(body!.Schema, body.SchemaId, body.Instance, body.Options?.AssertFormats ?? false, ct);
            return found ? Results.Ok(new InstanceCheck(valid, errors)) : ApiProblems.Status(StatusCodes.Status404NotFound, "There is no such schema version.");
        });
    }

    private static IResult NotSaved(IrSchemaWriteResult result) => result.Outcome switch
    {
        IrSchemaWriteOutcome.NotFound => ApiProblems.Status(StatusCodes.Status404NotFound, result.Errors[0]),
        IrSchemaWriteOutcome.Conflict => ApiProblems.Status(StatusCodes.Status409Conflict, result.Errors[0], result.Errors),
        _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The schema was refused; nothing was saved.",
            extensions: new Dictionary<string, object?> { ["pointer"] = result.Pointer ?? "", ["errors"] = result.Errors }),
    };
}
