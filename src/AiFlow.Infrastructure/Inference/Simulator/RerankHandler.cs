using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// POST /rerank, TEI's shape: {"query", "texts": [...]} → [{"index", "score"}] best first. The score is the cosine of the
// query's and the text's word sets, |Q ∩ T| ÷ √(|Q|·|T|): deterministic, and a text that shares more of the query's
// words ranks higher, which is all rerank tests need. An optional "model" carries the simulator's latency/fault knobs.
internal static partial class RerankHandler
{
    public static async Task<IResult> HandleAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var body = await RequestBody.ReadAsync(request);
        using var json = body.Json;
        if (json is null) return OpenAiJson.BadRequest("The request body is not valid JSON.");

        var root = json.RootElement;
        var query = SchemaKeywords.String(root, "query");
        if (string.IsNullOrWhiteSpace(query)) return OpenAiJson.BadRequest("'query' must be a non-empty string.");
        if (SchemaKeywords.Get(root, "texts") is not { ValueKind: JsonValueKind.Array } texts || texts.GetArrayLength() == 0
            || texts.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            return OpenAiJson.BadRequest("'texts' must be a non-empty array of strings.");
        }

        var items = texts.EnumerateArray().Select(t => t.GetString()!).ToList();
        var model = SchemaKeywords.String(root, "model");
        return await SimulatorPipeline.RunAsync(request, runtime, model, body.Fingerprint,
            (_, fault) => fault == SimulatorFault.Malformed ? Results.Text("[{\"index\": 0, \"score\"", "application/json") : Respond(query, items));
    }

    /// <summary>The simulator's relevance of <paramref name="text"/> to <paramref name="query"/>, from 0 to 1.</summary>
    public static double Score(string query, string text)
    {
        var q = Words(query);
        var t = Words(text);
        if (q.Count == 0 || t.Count == 0) return 0;
        return q.Count(t.Contains) / Math.Sqrt((double)q.Count * t.Count);
    }

    private static IResult Respond(string query, List<string> texts)
    {
        var ranked = texts.Select((text, index) => (Index: index, Score: Score(query, text)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index);
        return OpenAiJson.Ok(new JsonArray([.. ranked.Select(x => (JsonNode?)new JsonObject { ["index"] = x.Index, ["score"] = x.Score })]));
    }

    private static HashSet<string> Words(string text) =>
        [.. Word().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
