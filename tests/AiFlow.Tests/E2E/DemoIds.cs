using System.Text.Json.Nodes;

namespace AiFlow.Tests.E2E;

/// <summary>Fills a route pattern's parameters with things that exist in the demo data, read through the API's own lists.</summary>
internal sealed class DemoIds(HttpClient client)
{
    private readonly Dictionary<string, string?> _found = [];

    /// <summary>The route with its parameters filled, or null when the demo has nothing to put there.</summary>
    public async Task<string?> FillAsync(string pattern)
    {
        var url = pattern.TrimEnd('/');
        foreach (System.Text.RegularExpressions.Match parameter in System.Text.RegularExpressions.Regex.Matches(pattern, @"\{(\w+)(:[^}]+)?\}"))
        {
            var value = await ValueAsync(pattern, parameter.Groups[1].Value);
            if (value is null) return null;
            url = url.Replace(parameter.Value, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        return url switch
        {
            "/api/ground-truth" => await ValueAsync("/api/steps/{key}", "key") is { } step ? $"{url}?step={step}" : null,
            "/api/datasets/compare" => await ValueAsync("/api/datasets/{id}", "id") is { } id ? $"{url}?from={id}&to={id}" : null,
            _ => url,
        };
    }

    private async Task<string?> ValueAsync(string pattern, string name)
    {
        var (list, field) = (pattern, name) switch
        {
            (_, "number") => (null, "1"),
            (_, "node") => (null, null),
            _ when pattern.StartsWith("/api/pipelines/", StringComparison.Ordinal) => (null, "ticket-triage"),
            _ when pattern.StartsWith("/api/runs/", StringComparison.Ordinal) || pattern.StartsWith("/api/monitoring/runs/", StringComparison.Ordinal) =>
                ("/api/monitoring/runs?pageSize=1", "items/0/id"),
            _ when pattern.StartsWith("/api/steps/", StringComparison.Ordinal) => ("/api/steps/", "0/key"),
            _ when pattern.StartsWith("/api/judges/", StringComparison.Ordinal) => ("/api/judges/", "0/key"),
            _ when pattern.StartsWith("/api/metrics/", StringComparison.Ordinal) => ("/api/metrics/", "0/key"),
            _ when pattern.StartsWith("/api/metric-profiles/", StringComparison.Ordinal) => ("/api/metric-profiles/", "0/key"),
            // A job id is not in any list answer: that route is left out.
            _ when pattern.StartsWith("/api/collections/", StringComparison.Ordinal) => name == "id" ? (null, null) : ("/api/collections/", "0/key"),
            _ when pattern.StartsWith("/api/prompts/", StringComparison.Ordinal) => ("/api/prompts/", "0/id"),
            _ when pattern.StartsWith("/api/datasets/", StringComparison.Ordinal) => ("/api/datasets/", "items/0/id"),
            _ when pattern.StartsWith("/api/evaluations/", StringComparison.Ordinal) => ("/api/evaluations/", "items/0/id"),
            _ => (null, null),
        };
        if (list is null) return field;
        var cacheKey = list + "#" + field;
        if (_found.TryGetValue(cacheKey, out var known)) return known;
        JsonNode? node = JsonNode.Parse(await client.GetStringAsync(new Uri(list, UriKind.Relative)));
        foreach (var step in field!.Split('/'))
        {
            node = int.TryParse(step, out var index) ? (node is JsonArray array && array.Count > index ? array[index] : null) : node?[step];
        }
        return _found[cacheKey] = node?.ToString();
    }
}
