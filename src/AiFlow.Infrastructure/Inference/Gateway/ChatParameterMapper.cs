using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// Puts the output-token limit under the name the model accepts: reasoning models get <c>max_completion_tokens</c> and no
/// <c>temperature</c>; others get <c>max_tokens</c> (what most OpenAI-compatible servers, vLLM and older Azure APIs read).
/// OpenAI 2.1.0 serialises one name for every model, so the body is mapped on its way out.
/// </summary>
public static class ChatParameterMapper
{
    /// <summary>Returns the rewritten body, or null when it needs no change (or is not a JSON object).</summary>
    public static byte[]? Map(byte[] body, string model)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        return json is not null && Map(json, model) ? JsonSerializer.SerializeToUtf8Bytes(json) : null;
    }

    /// <summary>Maps in place; true when something changed.</summary>
    public static bool Map(JsonObject body, string model)
    {
        ArgumentNullException.ThrowIfNull(body);
        var reasoning = ReasoningModels.Is(model);
        var (keep, drop) = reasoning ? ("max_completion_tokens", "max_tokens") : ("max_tokens", "max_completion_tokens");
        var changed = false;
        if (body.TryGetPropertyValue(drop, out var limit))
        {
            body.Remove(drop);
            if (!body.ContainsKey(keep)) body[keep] = limit;
            changed = true;
        }

        if (reasoning && body.Remove("temperature"))
        {
            changed = true;
        }

        return changed;
    }
}
