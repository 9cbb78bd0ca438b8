using System.Globalization;
using AiFlow.Domain.Metrics;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>What changed between two versions of a metric definition or profile, one line per field, in words.</summary>
public static class CatalogChanges
{
    public static IReadOnlyList<string> Between(MetricDefinitionView? before, MetricDefinitionView after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null) return ["created"];
        var changes = new List<string>();
        Field(changes, "key", before.Key, after.Key);
        Field(changes, "name", before.Name, after.Name);
        Field(changes, "unit", before.Unit, after.Unit);
        Field(changes, "direction", before.Direction.ToString(), after.Direction.ToString());
        Field(changes, "description", before.Description, after.Description);
        Field(changes, "function", before.Function, after.Function);
        Field(changes, "parameters", before.ParametersJson, after.ParametersJson);
        Field(changes, "aggregation", before.Aggregation.ToString(), after.Aggregation.ToString());
        return changes;
    }

    public static IReadOnlyList<string> Between(MetricProfileView? before, MetricProfileView after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null) return ["created"];
        var changes = new List<string>();
        Field(changes, "key", before.Key, after.Key);
        Field(changes, "name", before.Name, after.Name);
        var old = before.Targets.ToDictionary(t => t.MetricKey, StringComparer.Ordinal);
        var now = after.Targets.ToDictionary(t => t.MetricKey, StringComparer.Ordinal);
        foreach (var t in after.Targets.Where(t => !old.ContainsKey(t.MetricKey))) changes.Add($"added {t.MetricKey} ({Target(t)})");
        foreach (var t in before.Targets.Where(t => !now.ContainsKey(t.MetricKey))) changes.Add($"removed {t.MetricKey}");
        foreach (var t in after.Targets.Where(t => old.TryGetValue(t.MetricKey, out var o) && o != t))
        {
            changes.Add($"{t.MetricKey}: {Target(old[t.MetricKey])} → {Target(t)}");
        }
        return changes;
    }

    private static void Field(List<string> changes, string name, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal)) changes.Add($"{name}: {Shown(before)} → {Shown(after)}");
    }

    private static string Shown(string? value) => value is null ? "(none)" : value.Length > 80 ? $"\"{value[..80]}…\"" : $"\"{value}\"";

    private static string Target(MetricTarget t) =>
        string.Create(CultureInfo.InvariantCulture, $"target {(t.Target is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "none")}, weight {t.Weight:0.###}");
}
