using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Retrieval.Search;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// The retrieval IR (<c>{"query","chunks":[{"id","text","document_id","document","heading_path","page","scores"}]}</c>)
/// and what later steps read from it: the chunks their upstream nodes retrieved, as ids for the citation check and as
/// <c>[id] heading path (p. N): text</c> lines for a prompt's <c>context</c>.
/// </summary>
public static class RetrievedChunks
{
    public static JsonObject ToIr(string query, IReadOnlyList<SearchHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var chunks = new JsonArray();
        foreach (var hit in hits)
        {
            chunks.Add(new JsonObject
            {
                ["id"] = hit.ChunkId.ToString(),
                ["text"] = hit.Text,
                ["document_id"] = hit.DocumentId.ToString(),
                ["document"] = hit.DocumentName,
                ["heading_path"] = hit.HeadingPath,
                ["page"] = hit.Page,
                ["scores"] = new JsonObject
                {
                    ["vector"] = hit.VectorScore,
                    ["text"] = hit.TextScore,
                    ["fused"] = hit.FusedScore,
                    ["rerank"] = hit.RerankScore,
                },
            });
        }
        return new JsonObject { ["query"] = query, ["chunks"] = chunks };
    }

    /// <summary>
    /// The chunks in the IR of <paramref name="nodeKey"/>'s ancestors, in node-key order and then rank, each once:
    /// any upstream IR with a <c>chunks</c> array of objects with an <c>id</c> counts as retrieved.
    /// </summary>
    public static IReadOnlyList<JsonObject> Upstream(PipelineDag dag, string nodeKey, IReadOnlyDictionary<string, JsonNode?> ir)
    {
        ArgumentNullException.ThrowIfNull(ir);
        var ancestors = StepInput.Ancestors(dag, nodeKey);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chunks = new List<JsonObject>();
        foreach (var (key, value) in ir.Where(p => ancestors.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is not JsonObject { } o || o["chunks"] is not JsonArray array) continue;
            foreach (var item in array)
            {
                if (item is JsonObject chunk && Id(chunk) is { } id && seen.Add(id)) chunks.Add(chunk);
            }
        }
        return chunks;
    }

    public static string? Id(JsonObject chunk) =>
        chunk["id"] is JsonValue v && v.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id) ? id : null;

    /// <summary>One line per chunk, <c>[id] heading path (p. N): text</c>, for a prompt to quote and cite.</summary>
    public static string Format(IEnumerable<JsonObject> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var text = new StringBuilder();
        foreach (var chunk in chunks)
        {
            text.Append('[').Append(Id(chunk)).Append(']');
            if (chunk["heading_path"] is JsonValue heading && heading.TryGetValue<string>(out var path) && !string.IsNullOrWhiteSpace(path)) text.Append(' ').Append(path);
            if (chunk["page"] is JsonValue page && page.TryGetValue<int>(out var number)) text.Append(" (p. ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(')');
            var body = chunk["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : "";
            // One chunk, one line: its own line breaks would make it look like several.
            text.Append(": ").Append(body.ReplaceLineEndings(" ").Trim()).Append('\n');
        }
        return text.ToString();
    }
}
