using AiFlow.Domain.Access;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Access;

public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").RequireAuthorization(Policies.AdminOnly);
        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        keys.MapPost("/", async (CreateApiKeyRequest request, ApiKeyService service, HttpRequest http, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name is required."] });
            if (!Roles.All.Contains(request.Role)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"Role must be one of {string.Join(", ", Roles.All)}."] });
            var created = await service.CreateAsync(request.Name.Trim(), request.Role, http.HttpContext.User.Identity?.Name, ct);
            return Results.Created($"/api/api-keys/{created.Id}", created);
        });
        keys.MapDelete("/{id:guid}", async (Guid id, ApiKeyService service, CancellationToken ct) =>
            await service.RevokeAsync(id, ct) ? Results.NoContent() : Results.NotFound());
    }
}
