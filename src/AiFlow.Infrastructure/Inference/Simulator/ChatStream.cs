using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// "stream": true: the same answer as server-sent chat.completion.chunk events, a few words per chunk,
// then an optional usage chunk (stream_options.include_usage) and "data: [DONE]".
internal static class ChatStream
{
    private const int WordsPerChunk = 4;

    public static IResult Create(string model, string content, string finishReason, JsonObject? usage)
    {
        var id = "chatcmpl-sim-" + Guid.NewGuid().ToString("N");
        var created = OpenAiJson.Now();
        var sse = new StringBuilder();

        void Emit(JsonArray choices, JsonObject? usageNode = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["system_fingerprint"] = "aiflow-simulator",
                ["choices"] = choices,
            };
            if (usageNode is not null)
            {
                chunk["usage"] = usageNode;
            }

            sse.Append("data: ").Append(chunk.ToJsonString()).Append("\n\n");
        }

        Emit(Choice(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null));
        foreach (var piece in Pieces(content))
        {
            Emit(Choice(new JsonObject { ["content"] = piece }, null));
        }

        Emit(Choice(new JsonObject(), finishReason));
        if (usage is not null)
        {
            Emit([], usage);
        }

        sse.Append("data: [DONE]\n\n");
        return Results.Text(sse.ToString(), "text/event-stream", statusCode: 200);
    }

    private static JsonArray Choice(JsonObject delta, string? finishReason) =>
        [new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }];

    // Splits after spaces so the concatenated pieces equal the content exactly.
    private static IEnumerable<string> Pieces(string content)
    {
        var start = 0;
        var words = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == ' ' && ++words % WordsPerChunk == 0)
            {
                yield return content[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < content.Length)
        {
            yield return content[start..];
        }
    }
}
