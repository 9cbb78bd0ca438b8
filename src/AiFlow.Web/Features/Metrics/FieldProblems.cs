using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>A save's problems by field, so each form field shows its own next to it.</summary>
public sealed class FieldProblems(IReadOnlyList<MetricFieldProblem> problems)
{
    public static FieldProblems None { get; } = new([]);

    public bool Any => problems.Count > 0;

    /// <summary>The messages about exactly <paramref name="field"/>, joined, or null.</summary>
    public string? At(string field)
    {
        var messages = problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>The problems about <paramref name="field"/> and anything inside it.</summary>
    public IEnumerable<MetricFieldProblem> Under(string field) =>
        problems.Where(p => p.Field == field || p.Field.StartsWith(field + "/", StringComparison.Ordinal));

    /// <summary>The problems no field of the form shows.</summary>
    public IEnumerable<MetricFieldProblem> Except(IEnumerable<string> shown)
    {
        var fields = shown.ToHashSet(StringComparer.Ordinal);
        return problems.Where(p => !fields.Contains(p.Field) && !fields.Any(f => p.Field.StartsWith(f + "/", StringComparison.Ordinal)));
    }
}
