using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>
/// Per-endpoint latency percentiles, error rate and spend from ai_request_logs (every call, failed ones too), and the
/// fallback rate from step_runs: a step served by an endpoint after a call to another endpoint failed was a fallback.
/// </summary>
public sealed class EndpointHealthQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<List<EndpointHealth>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.SqlQuery<EndpointHealth>($"""
            WITH l AS (
                SELECT endpoint_name, count(*) AS requests,
                       count(*) FILTER (WHERE lower(status) NOT IN ('ok', 'success', 'succeeded', 'completed')) AS errors,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99,
                       sum(tokens_in::bigint + tokens_out) AS tokens, sum(cost_usd) AS spend
                FROM ai_request_logs WHERE created_at >= {from} AND created_at < {to}
                GROUP BY endpoint_name),
            s AS (
                SELECT s.endpoint_name, count(*) AS steps, sum(s.cost_usd) AS cost,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ai_request_logs a WHERE a.step_run_id = s.id AND a.endpoint_name <> s.endpoint_name)) AS fallbacks
                FROM step_runs s
                WHERE s.endpoint_name IS NOT NULL AND s.finished_at >= {from} AND s.finished_at < {to}
                GROUP BY s.endpoint_name)
            SELECT coalesce(l.endpoint_name, s.endpoint_name) AS "Endpoint", coalesce(l.requests, 0)::bigint AS "Requests",
                   coalesce(l.errors, 0)::bigint AS "Errors", l.p50 AS "P50Ms", l.p95 AS "P95Ms", l.p99 AS "P99Ms",
                   coalesce(l.tokens, 0)::bigint AS "Tokens", coalesce(l.spend, 0)::numeric(18,6) AS "SpendUsd",
                   coalesce(s.steps, 0)::bigint AS "StepsServed", coalesce(s.fallbacks, 0)::bigint AS "Fallbacks",
                   coalesce(s.cost, 0)::numeric(18,6) AS "StepCostUsd"
            FROM l FULL JOIN s ON s.endpoint_name = l.endpoint_name
            ORDER BY 1
            """).ToListAsync(cancellationToken);
    }
}
