using System.Diagnostics.Metrics;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// <c>aiflow_budget_spend_usd</c> and <c>aiflow_budget_limit_usd</c> per budget, labelled with its name, scope and
/// period. A scrape reads the guard's snapshot (metric callbacks cannot wait) and asks for a fresh one behind it, so
/// Prometheus never adds a query per scrape beyond the guard's own.
/// </summary>
public sealed class BudgetMetrics : IDisposable
{
    public const string MeterName = "AiFlow.Budgets";
    private readonly Meter meter = new(MeterName);
    private readonly BudgetGuard guard;

    public BudgetMetrics(BudgetGuard guard)
    {
        this.guard = guard;
        meter.CreateObservableGauge("aiflow_budget_spend_usd", () => Observe(b => b.SpentUsd), description: "Spend of each budget in its current period (USD)");
        meter.CreateObservableGauge("aiflow_budget_limit_usd", () => Observe(b => b.AmountUsd), description: "Amount of each budget (USD): its hard limit");
    }

    private IEnumerable<Measurement<double>> Observe(Func<BudgetStatus, decimal> value)
    {
        var budgets = guard.Latest;
        _ = guard.CurrentAsync(CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        return budgets is null ? [] : budgets.Select(b => new Measurement<double>((double)value(b),
            new KeyValuePair<string, object?>("budget", b.Name),
            new KeyValuePair<string, object?>("scope", b.Scope.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("target", b.PipelineKey ?? b.ApiKeyName ?? ""),
            new KeyValuePair<string, object?>("period", b.Period.ToString().ToLowerInvariant())));
    }

    public void Dispose() => meter.Dispose();
}
