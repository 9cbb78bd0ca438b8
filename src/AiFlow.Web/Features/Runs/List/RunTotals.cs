namespace AiFlow.Web.Features.Runs.List;

/// <summary>Sums over every run the filter matches (not just the page), computed by PostgreSQL.</summary>
public sealed record RunTotals(int Runs, long Tokens, decimal CostUsd, double DurationSeconds)
{
    public static readonly RunTotals None = new(0, 0, 0, 0);
}
