using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// Reads every budget with its spend in its current period, in two statements whatever the number of budgets: the
/// budgets, then the gateway's booked cost (<c>ai_request_logs</c>) since the earliest period start, summed per
/// pipeline and launching API key and per period. A call outside a run (a judge, ingestion) counts only globally.
/// </summary>
public sealed class BudgetSpendReader(IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<BudgetOptions> options)
{
    public async Task<IReadOnlyList<BudgetStatus>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var budgets = await (
            from b in db.Budgets.AsNoTracking()
            join p in db.PipelineDefinitions on b.PipelineDefinitionId equals p.Id into pipelines
            from p in pipelines.DefaultIfEmpty()
            join k in db.ApiKeys on b.ApiKeyId equals k.Id into keys
            from k in keys.DefaultIfEmpty()
            orderby b.Name, b.Id
            select new { Budget = b, PipelineKey = p == null ? null : p.Key, KeyName = k == null ? null : k.Name }).ToListAsync(cancellationToken);
        if (budgets.Count == 0) return [];

        var day = BudgetPeriods.Window(BudgetPeriod.Day, now).Start;
        var week = BudgetPeriods.Window(BudgetPeriod.Week, now).Start;
        var month = BudgetPeriods.Window(BudgetPeriod.Month, now).Start;
        var from = BudgetPeriods.EarliestStart(now);
        var spend = await db.Database.SqlQuery<SpendRow>($"""
            SELECT r.pipeline_definition_id AS "PipelineId", r.api_key_id AS "ApiKeyId",
                   coalesce(sum(l.cost_usd) FILTER (WHERE l.created_at >= {day}), 0) AS "Day",
                   coalesce(sum(l.cost_usd) FILTER (WHERE l.created_at >= {week}), 0) AS "Week",
                   coalesce(sum(l.cost_usd) FILTER (WHERE l.created_at >= {month}), 0) AS "Month"
            FROM ai_request_logs l
            LEFT JOIN step_runs s ON s.id = l.step_run_id
            LEFT JOIN pipeline_runs r ON r.id = s.pipeline_run_id
            WHERE l.created_at >= {from}
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);

        var softDefault = options.CurrentValue.SoftLimitPercent;
        return [.. budgets.Select(x =>
        {
            var b = x.Budget;
            var rows = b.Scope switch
            {
                BudgetScope.Pipeline => spend.Where(s => s.PipelineId == b.PipelineDefinitionId),
                BudgetScope.ApiKey => spend.Where(s => s.ApiKeyId == b.ApiKeyId),
                _ => spend,
            };
            var spent = rows.Sum(s => b.Period switch { BudgetPeriod.Day => s.Day, BudgetPeriod.Week => s.Week, _ => s.Month });
            var (start, end) = BudgetPeriods.Window(b.Period, now);
            return new BudgetStatus(b.Id, b.Name, b.Scope, b.PipelineDefinitionId, x.PipelineKey, b.ApiKeyId, x.KeyName, b.Period, b.AmountUsd,
                b.SoftLimitPercent, b.SoftLimitPercent ?? softDefault, spent, start, end);
        })];
    }

    private sealed record SpendRow(Guid? PipelineId, Guid? ApiKeyId, decimal Day, decimal Week, decimal Month);
}
