using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Runs.Execution.Kinds;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>One chunk a retrieval step returned, as the inspector shows it: where it comes from and each ranker's score.</summary>
public sealed record RetrievedChunkView(int Rank, string Id, string? Document, string? HeadingPath, int? Page, string Text,
    double? VectorScore, double? TextScore, double? FusedScore, double? RerankScore)
{
    /// <summary>The chunks of a retrieval IR (<c>{"query","chunks":[...]}</c>, see <see cref="RetrievedChunks"/>) in rank order; none for any other IR.</summary>
    public static IReadOnlyList<RetrievedChunkView> From(string? irJson)
    {
        if (string.IsNullOrEmpty(irJson)) return [];
        JsonNode? ir;
        try { ir = JsonNode.Parse(irJson); }
        catch (JsonException) { return []; }
        if (ir is not JsonObject { } o || o["chunks"] is not JsonArray chunks) return [];
        var views = new List<RetrievedChunkView>();
        foreach (var item in chunks)
        {
            if (item is not JsonObject c || RetrievedChunks.Id(c) is not { } id) continue;
            var scores = c["scores"] as JsonObject;
            views.Add(new RetrievedChunkView(views.Count + 1, id, Str(c["document"]), Str(c["heading_path"]), Int(c["page"]), Str(c["text"]) ?? "",
                Number(scores?["vector"]), Number(scores?["text"]), Number(scores?["fused"]), Number(scores?["rerank"])));
        }
        return views;
    }

    /// <summary>The query a retrieval IR searched with.</summary>
    public static string? QueryOf(string? irJson)
    {
        try { return irJson is null ? null : Str(JsonNode.Parse(irJson)?["query"]); }
        catch (JsonException) { return null; }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
