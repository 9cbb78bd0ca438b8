using System.Globalization;
using AiFlow.Domain.Evaluation;

namespace AiFlow.Web.Features.Evaluations;

public sealed record EvaluationRow(
    string Target, EvaluationStatus Status, bool? GatePassed, int Results, int Passed,
    Dictionary<string, double> Aggregates, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? RequestedBy)
{
    public string AggregatesText => Aggregates.Count == 0
        ? "—"
        : string.Join(", ", Aggregates.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.ToString("0.###", CultureInfo.InvariantCulture)}"));
}
