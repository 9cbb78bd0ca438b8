using AiFlow.Domain.Access;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Access;

public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").RequireAuthorization(Policies.AdminOnly);
        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        // Where a create's Location points.
        keys.MapGet("/{id:guid}", async (Guid id, ApiKeyService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } key ? Results.Ok(key) : Results.NotFound());
        keys.MapPost("/", async (ApiKeyService service, HttpRequest http, CancellationToken ct) =>
        {
            var (request, error) = await JsonBody.BindAsync<CreateApiKeyRequest>(http, 4096, ct);
            if (error is not null) return error;
            if (string.IsNullOrWhiteSpace(request!.Name)) return JsonBinding.Problem("/name", "A name is required.");
            // The name is what the key signs its work with ("apikey:<name>" in every *_by column): it must fit them.
            if (request.Name.Trim().Length > ApiKeyService.MaxName) return JsonBinding.Problem("/name", $"The name may have at most {ApiKeyService.MaxName} characters.");
            if (!Roles.All.Contains(request.Role)) return JsonBinding.Problem("/role", $"Role must be one of {string.Join(", ", Roles.All)}.");
            var created = await service.CreateAsync(request.Name.Trim(), request.Role, http.HttpContext.User.Identity?.Name, ct);
            return Results.Created($"/api/api-keys/{created.Id}", created);
        });
        keys.MapDelete("/{id:guid}", async (Guid id, ApiKeyService service, CancellationToken ct) =>
            await service.RevokeAsync(id, ct) ? Results.NoContent() : Results.NotFound());
    }
}
