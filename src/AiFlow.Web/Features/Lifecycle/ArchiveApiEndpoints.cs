using AiFlow.Infrastructure.Lifecycle;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Lifecycle;

/// <summary>
/// Archive and restore (ADR 0032): <c>POST …/archive</c> and <c>POST …/restore</c> beside each item's own routes, by
/// key for pipelines and steps and by id for prompt templates and IR schemas, as their other routes address them.
/// Admins only; the answer is the item's archive state; asking for the state it is already in is not an error.
/// </summary>
public static class ArchiveApiEndpoints
{
    public static void MapArchiveApi(this RouteGroupBuilder api)
    {
        Map(api, "/pipelines/{key}", ArchiveKind.Pipeline);
        Map(api, "/steps/{key}", ArchiveKind.Step);
        Map(api, "/prompts/{id:guid}", ArchiveKind.Prompt);
        Map(api, "/ir-schemas/{id:guid}", ArchiveKind.IrSchema);
    }

    private static void Map(RouteGroupBuilder api, string item, ArchiveKind kind)
    {
        foreach (var archive in new[] { true, false })
        {
            api.MapPost(item + (archive ? "/archive" : "/restore"), async (HttpRequest request, ArchiveService service, CancellationToken ct) =>
            {
                var id = (string)(request.RouteValues["key"] ?? request.RouteValues["id"])!;
                var result = await service.SetAsync(kind, id, archive, request.HttpContext.User, ct);
                return SaveResultHttp.ToHttp(result, ArchiveService.Name(kind), Results.Ok);
            }).RequireAuthorization(Policies.AdminOnly);
        }
    }
}
