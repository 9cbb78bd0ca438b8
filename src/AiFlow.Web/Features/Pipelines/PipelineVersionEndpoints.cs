using AiFlow.Web.Api;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Pipelines;

/// <summary>Admin-only version endpoints: history, export of one version as a file, import of a file into the draft.</summary>
public static class PipelineVersionEndpoints
{
    public static void MapPipelineVersionEndpoints(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/pipelines/{key}/versions").RequireAuthorization(Policies.AdminOnly);
        versions.MapGet("/", async (string key, PipelineAuthoringService service, CancellationToken ct) =>
        {
            var history = await service.HistoryAsync(key, ct);
            return history.Count == 0 ? Results.NotFound() : Results.Ok(history);
        });
        versions.MapGet("/{number:int}/export", async (string key, int number, PipelineAuthoringService service, CancellationToken ct) =>
        {
            var json = await service.ExportAsync(key, number, ct);
            return json is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"{key}-v{number}.json");
        });
        versions.MapPost("/import", async (string key, HttpRequest request, PipelineAuthoringService service, CancellationToken ct) =>
        {
            var (json, error) = await JsonBody.ReadTextAsync(request, PipelineFile.MaxBytes, ct);
            if (error is not null) return error;
            var result = await service.ImportAsync(key, json!, request.HttpContext.User, ct);
            return result.Outcome switch
            {
                AuthoringOutcome.Ok => Results.Ok(new { result.Draft!.Number, Status = result.Draft.Status.ToString(), Nodes = result.Draft.Dag.Nodes.Count }),
                AuthoringOutcome.NotFound => Results.NotFound(),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. result.Issues.Select(i => i.Message)] },
                    title: "The file was not imported; nothing was saved."),
            };
        });
    }
}
