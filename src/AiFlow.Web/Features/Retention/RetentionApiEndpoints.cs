using AiFlow.Infrastructure.Retention;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Retention;

/// <summary><c>GET /api/retention</c>: the policy in force, what the last purge removed per kind, and when the next one runs.</summary>
public static class RetentionApiEndpoints
{
    public static void MapRetentionApi(this RouteGroupBuilder api) =>
        api.MapGet("/retention", async (RetentionStatusQueries queries, CancellationToken ct) =>
        {
            var status = await queries.LoadAsync(ct);
            var last = status.LastRun;
            return Results.Ok(new
            {
                policy = status.Policy,
                nextRunAt = status.NextRunAt,
                lastRun = last is null ? null : new
                {
                    startedAt = last.StartedAt, finishedAt = last.FinishedAt, error = last.Error,
                    purged = new { rawResponses = last.RawResponses, renderedPrompts = last.RenderedPrompts, irArtifacts = last.IrArtifacts, requestLogs = last.RequestLogs },
                    requestLogPartitions = new { dropped = last.RequestLogPartitionsDropped, created = last.RequestLogPartitionsCreated },
                },
                requestLogPartitions = status.RequestLogPartitions,
            });
        }).RequireAuthorization(Policies.AdminOps);
}
