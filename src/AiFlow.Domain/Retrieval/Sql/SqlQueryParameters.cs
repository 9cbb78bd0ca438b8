using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// A sql_query step's parameters: <c>views</c> (the view names the model may read), <c>maxRows</c> (default 200, at
/// most 10,000) and <c>timeoutMs</c> (default 2,000, at most 30,000). Bounds keep one question from holding a
/// connection or filling a run's IR.
/// </summary>
public sealed partial record SqlQueryParameters(IReadOnlyList<string> Views, int MaxRows, int TimeoutMs)
{
    public const int DefaultMaxRows = 200;
    public const int MaxMaxRows = 10_000;
    public const int DefaultTimeoutMs = 2_000;
    public const int MaxTimeoutMs = 30_000;
    public const int MaxViews = 20;

    /// <summary>The parameters, or the reason they cannot be used.</summary>
    public static SqlQueryParameters? Parse(JsonObject parameters, out string? problem)
    {
        problem = null;
        if (parameters["views"] is not JsonArray array || array.Count == 0)
        {
            problem = "A sql_query step needs a 'views' parameter: a non-empty list of the view names the model may read.";
            return null;
        }
        var views = new List<string>();
        foreach (var item in array)
        {
            var name = item is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (name is null || !ViewName().IsMatch(name))
            {
                problem = $"'views' holds {item?.ToJsonString() ?? "null"}: each view is a lower-case name (letters, digits, _).";
                return null;
            }
            if (!views.Contains(name)) views.Add(name);
        }
        if (views.Count > MaxViews) { problem = $"'views' names {views.Count} views; at most {MaxViews}."; return null; }
        var maxRows = Int(parameters, "maxRows", DefaultMaxRows, MaxMaxRows, ref problem);
        var timeoutMs = Int(parameters, "timeoutMs", DefaultTimeoutMs, MaxTimeoutMs, ref problem);
        return problem is null ? new SqlQueryParameters(views, maxRows, timeoutMs) : null;
    }

    private static int Int(JsonObject parameters, string name, int fallback, int max, ref string? problem)
    {
        if (problem is not null || parameters[name] is not { } node) return fallback;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number >= 1 && number <= max) return number;
        problem = $"'{name}' is {node.ToJsonString()}: a whole number from 1 to {max:N0}.";
        return fallback;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ViewName();
}
