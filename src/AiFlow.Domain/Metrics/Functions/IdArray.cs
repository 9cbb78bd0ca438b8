using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// Reads an array of ids (chunk ids, document ids) the way the citation and retrieval metrics all do: each item is an id
/// string, a number as written, or an object whose <c>idField</c> holds the id; an id given twice counts once, at its
/// first place, so rank-based metrics see each chunk at the best rank it was retrieved at.
/// </summary>
internal static class IdArray
{
    /// <summary>The distinct ids in document order, or what is wrong with the array (said after "the output" or "the ground truth").</summary>
    public static (List<string>? Ids, string? Problem) Read(JsonNode? node, string pointer, string? idField)
    {
        if (node is not JsonArray items) return (null, $"holds {JsonScalar.Describe(node)} at \"{pointer}\", not an array of ids");
        var ids = new List<string>(items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] is JsonObject o && idField is not null ? o[idField] : items[i];
            var id = JsonScalar.StringOf(item) ?? (JsonScalar.NumberOf(item) is not null ? item!.ToJsonString() : null);
            if (id is null)
            {
                var at = pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
                var wanted = idField is null ? "an id string (or set idField for objects)" : $"an id in '{idField}'";
                return (null, $"has {JsonScalar.Describe(items[i])} at \"{at}\" where {wanted} was expected");
            }
            if (seen.Add(id)) ids.Add(id);
        }
        return (ids, null);
    }
}
