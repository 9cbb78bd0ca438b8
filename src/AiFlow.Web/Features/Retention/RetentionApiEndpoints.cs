using AiFlow.Infrastructure.Retention;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Retention;

/// <summary><c>GET /api/retention</c>: the policy in force, what the last purge removed per kind, and when the next one runs.</summary>
public static class RetentionApiEndpoints
{
    public static void MapRetentionApi(this RouteGroupBuilder api) =>
        api.MapGet("/retention", async (RetentionStatusQueries queries, CancellationToken ct) =>
        {
            return Results.Ok(RetentionJson.Of(await queries.LoadAsync(ct)));
        }).RequireAuthorization(Policies.AdminOps);
}
