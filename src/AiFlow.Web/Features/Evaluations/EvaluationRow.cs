using System.Globalization;
using AiFlow.Domain.Evaluation;

namespace AiFlow.Web.Features.Evaluations;

public sealed record EvaluationRow(
    Guid Id, string Target, string? Baseline, int Dataset, EvaluationStatus Status, bool? GatePassed, int CasesDone, int CasesTotal, int CasesErrored,
    IReadOnlyList<EvaluationAggregate> Aggregates, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? RequestedBy)
{
    /// <summary>Each metric's candidate aggregate, with the delta to the baseline where there is one.</summary>
    public string AggregatesText => Aggregates.Count == 0
        ? "—"
        : string.Join(", ", Aggregates.Where(a => a.Candidate is not null).Select(a =>
            $"{a.Metric}={a.Candidate!.Value.ToString("0.###", CultureInfo.InvariantCulture)}"
            + (a.Delta is { } d ? $" (Δ {d.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture)})" : "")));
}
