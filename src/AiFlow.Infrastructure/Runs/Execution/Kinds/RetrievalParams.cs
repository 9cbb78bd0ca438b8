using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Retrieval.Search;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// A retrieval step's parameters: <c>collection</c>, <c>query</c> (a template), <c>topK</c>, <c>filters</c>
/// (<c>documentIds</c>, <c>tags</c>, <c>licenceUse</c>), <c>rerank</c>, <c>efSearch</c>, <c>contextTokens</c>.
/// Read before anything is searched, so a wrong one fails the step with its name and no query is run.
/// </summary>
public sealed record RetrievalParams(string Collection, string QueryTemplate, int TopK, SearchFilters? Filters, bool Rerank, int? EfSearch, int? ContextTokens)
{
    public static RetrievalParams? Parse(JsonObject parameters, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        error = null;
        if (Text(parameters, "collection") is not { } collection) return Refuse("A retrieval step needs a 'collection' parameter: the key of the collection to search.", out error);
        if (Text(parameters, "query") is not { } query) return Refuse("A retrieval step needs a 'query' parameter: a template of the question, e.g. \"{{ input.question }}\".", out error);
        if (!Int(parameters, "topK", 5, 1, ChunkSearchRules.MaxTopK, out var topK, out error)) return null;
        if (!Int(parameters, "efSearch", null, 1, ChunkSearchRules.MaxEfSearch, out var efSearch, out error)) return null;
        if (!Int(parameters, "contextTokens", null, 1, ChunkSearchRules.MaxContextTokens, out var contextTokens, out error)) return null;
        var rerank = false;
        if (parameters["rerank"] is { } rerankNode)
        {
            if (rerankNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) return Refuse("'rerank' must be true or false.", out error);
            rerank = rerankNode.GetValue<bool>();
        }
        SearchFilters? filters = null;
        if (parameters["filters"] is { } filtersNode && !TryFilters(filtersNode, out filters, out error)) return null;
        return new RetrievalParams(collection, query, topK!.Value, filters, rerank, efSearch, contextTokens);
    }

    private static bool TryFilters(JsonNode node, out SearchFilters? filters, out string? error)
    {
        filters = null;
        error = null;
        if (node is not JsonObject o)
        {
            error = "'filters' must be an object with documentIds, tags and/or licenceUse.";
            return false;
        }
        foreach (var (name, _) in o)
        {
            if (name is not ("documentIds" or "tags" or "licenceUse"))
            {
                error = $"'filters.{name}' is not a filter; use documentIds, tags or licenceUse.";
                return false;
            }
        }
        List<Guid>? documents = null;
        if (o["documentIds"] is { } ids)
        {
            if (!Strings(ids, out var texts)) return Fail("'filters.documentIds' must be an array of document ids.", out error);
            documents = [];
            foreach (var text in texts)
            {
                if (!Guid.TryParse(text, out var id)) return Fail($"'filters.documentIds' has '{text}', which is not a document id.", out error);
                documents.Add(id);
            }
        }
        List<string>? tags = null;
        if (o["tags"] is { } tagNode)
        {
            if (!Strings(tagNode, out var texts)) return Fail("'filters.tags' must be an array of strings.", out error);
            tags = texts;
        }
        string? use = null;
        if (o["licenceUse"] is { } useNode)
        {
            if (useNode.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(useNode.GetValue<string>())) return Fail("'filters.licenceUse' must be a use such as \"rag\".", out error);
            use = useNode.GetValue<string>().Trim();
        }
        filters = new SearchFilters(documents, tags, use);
        return true;
    }

    private static bool Strings(JsonNode node, out List<string> values)
    {
        values = [];
        if (node is not JsonArray array) return false;
        foreach (var item in array)
        {
            if (item?.GetValueKind() != JsonValueKind.String) return false;
            values.Add(item.GetValue<string>());
        }
        return true;
    }

    private static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim() : null;

    private static bool Int(JsonObject parameters, string name, int? fallback, int min, int max, out int? value, out string? error)
    {
        value = fallback;
        error = null;
        if (parameters[name] is not { } node || node.GetValueKind() == JsonValueKind.Null) return true;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) && number >= min && number <= max)
        {
            value = number;
            return true;
        }
        if (node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var real) && real == Math.Floor(real) && real >= min && real <= max)
        {
            value = (int)real;
            return true;
        }
        error = $"'{name}' must be a whole number from {min} to {max}.";
        return false;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static RetrievalParams? Refuse(string message, out string? error)
    {
        error = message;
        return null;
    }
}
