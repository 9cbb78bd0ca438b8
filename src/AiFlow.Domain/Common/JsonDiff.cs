using System.Text.Json.Nodes;

namespace AiFlow.Domain.Common;

/// <summary>A simple structural diff: the JSON Pointers that changed, were added or were removed.</summary>
public static class JsonDiff
{
    public enum ChangeKind { Changed, Added, Removed }

    public sealed record Change(string Pointer, ChangeKind Kind);

    public static IReadOnlyList<Change> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<Change>();
        Walk("", before, after, changes);
        return changes;
    }

    private static void Walk(string pointer, JsonNode? before, JsonNode? after, List<Change> changes)
    {
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var (key, value) in b)
                {
                    var child = pointer + "/" + Escape(key);
                    if (a.TryGetPropertyValue(key, out var other)) Walk(child, value, other, changes);
                    else changes.Add(new Change(child, ChangeKind.Removed));
                }
                foreach (var (key, _) in a.Where(p => !b.ContainsKey(p.Key))) changes.Add(new Change(pointer + "/" + Escape(key), ChangeKind.Added));
                break;
            case (JsonArray b, JsonArray a):
                for (var i = 0; i < Math.Max(b.Count, a.Count); i++)
                {
                    var child = pointer + "/" + i;
                    if (i >= a.Count) changes.Add(new Change(child, ChangeKind.Removed));
                    else if (i >= b.Count) changes.Add(new Change(child, ChangeKind.Added));
                    else Walk(child, b[i], a[i], changes);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(before, after)) changes.Add(new Change(pointer, ChangeKind.Changed));
                break;
        }
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
