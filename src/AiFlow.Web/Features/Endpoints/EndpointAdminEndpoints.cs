using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Endpoints;

/// <summary>Admin HTTP API: <c>GET/POST /api/endpoints</c>, <c>PUT/DELETE /api/endpoints/{id}</c>, <c>POST /api/endpoints/{id}/test</c>.</summary>
public static class EndpointAdminEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapEndpointAdminApi(this RouteGroupBuilder api)
    {
        var endpoints = api.MapGroup("/endpoints").RequireAuthorization(Policies.AdminOnly);
        endpoints.MapGet("/", async (EndpointAdminService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        // Where a create's Location points.
        endpoints.MapGet("/{id:guid}", async (Guid id, EndpointAdminService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } endpoint ? Results.Ok(endpoint) : Results.NotFound());
        endpoints.MapPost("/", async (HttpRequest request, EndpointAdminService service, CancellationToken ct) =>
        {
            var (form, error) = await JsonBody.BindAsync<EndpointForm>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var saved = await service.CreateAsync(form!, ct);
            return saved.Saved ? Results.Created($"/api/endpoints/{saved.Id}", new EndpointCreated(saved.Id!.Value)) : saved.ToProblem();
        });
        endpoints.MapPut("/{id:guid}", async (Guid id, HttpRequest request, EndpointAdminService service, CancellationToken ct) =>
        {
            var (form, error) = await JsonBody.BindAsync<EndpointForm>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            return await service.UpdateAsync(id, form!, ct) switch
            {
                null => Results.NotFound(),
                { Saved: true } => Results.NoContent(),
                var failed => failed.ToProblem(),
            };
        });
        endpoints.MapDelete("/{id:guid}", async (Guid id, EndpointAdminService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? Results.NoContent() : Results.NotFound());
        endpoints.MapPost("/{id:guid}/test", async (Guid id, EndpointAdminService service, CancellationToken ct) =>
            Results.Ok(await service.TestAsync(id, ct)));
    }
}
