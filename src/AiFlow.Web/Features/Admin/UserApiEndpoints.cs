using System.Security.Claims;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Admin;

/// <summary>
/// Account management for Admins (ADR 0031). A create or a reset answers the one-time password once; a change that would
/// lock Admins out (disabling oneself, leaving no enabled Admin) is a 409, a duplicate e-mail too.
/// </summary>
public static class UserApiEndpoints
{
    public static void MapUserApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(Policies.AdminOnly);
        users.MapGet("/", async (UserAdminService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        // Where a create's Location points.
        users.MapGet("/{id:guid}", async (Guid id, UserAdminService service, CancellationToken ct) =>
            await service.GetAsync(Id(id), ct) is { } user ? Results.Ok(user) : Results.NotFound());
        users.MapPost("/", async (UserAdminService service, HttpRequest http, CancellationToken ct) =>
        {
            var (request, error) = await JsonBody.BindAsync<CreateUserRequest>(http, 4096, ct);
            if (error is not null) return error;
            var result = await service.CreateAsync(request!, ct);
            return result.Password is { } created ? Results.Created($"/api/users/{created.Id}", created) : Answer(result);
        });
        users.MapPut("/{id:guid}/role", async (Guid id, UserAdminService service, HttpRequest http, CancellationToken ct) =>
        {
            var (request, error) = await JsonBody.BindAsync<UserRoleRequest>(http, 1024, ct);
            if (error is not null) return error;
            return Answer(await service.AssignRoleAsync(Actor(http), Id(id), request!.Role, ct));
        });
        users.MapPost("/{id:guid}/disable", async (Guid id, UserAdminService service, HttpRequest http, CancellationToken ct) =>
            Answer(await service.DisableAsync(Actor(http), Id(id), ct)));
        users.MapPost("/{id:guid}/enable", async (Guid id, UserAdminService service, CancellationToken ct) =>
            Answer(await service.EnableAsync(Id(id), ct)));
        users.MapPost("/{id:guid}/reset-password", async (Guid id, UserAdminService service, CancellationToken ct) =>
        {
            var result = await service.ResetPasswordAsync(Id(id), ct);
            return result.Password is { } password ? Results.Ok(password) : Answer(result);
        });
    }

    // Identity's ids are GUIDs written in the "D" format.
    private static string Id(Guid id) => id.ToString();

    /// <summary>The signed-in Admin's user id; an API key has none (it cannot be the user it disables).</summary>
    private static string? Actor(HttpRequest http) =>
        http.HttpContext.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? null : http.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static IResult Answer(UserAdminResult result) => result.Outcome switch
    {
        UserAdminOutcome.Done => Results.NoContent(),
        UserAdminOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message),
        UserAdminOutcome.Invalid => JsonBinding.Problem(result.Pointer!, result.Message!),
        UserAdminOutcome.Duplicate => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message,
            extensions: new Dictionary<string, object?> { ["pointer"] = result.Pointer }),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
    };
}
