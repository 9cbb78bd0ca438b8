using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// POST /chat/completions: structured output that conforms to the requested schema, or a short text answer.
internal static class ChatCompletionsHandler
{
    public static async Task<IResult> HandleAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var body = await RequestBody.ReadAsync(request);
        using var json = body.Json;
        if (json is null)
        {
            return OpenAiJson.BadRequest("The request body is not valid JSON.");
        }

        // A vision server downloads the images it is given by URL before it answers; a failed download refuses the call.
        // (A text-only model refuses images below without fetching anything.)
        var fetched = new Dictionary<string, (byte[]? Bytes, string? Error)>(StringComparer.Ordinal);
        var textOnly = SimulatorDirectives.FromModel(SchemaKeywords.String(json.RootElement, "model") ?? SimulatorModels.Chat).BaseModel == SimulatorModels.Chat;
        foreach (var url in textOnly ? [] : ChatRequest.FetchableImageUrls(json.RootElement).Distinct(StringComparer.Ordinal))
        {
            fetched[url] = await MediaAddressFetcher.FetchAsync(url, request.HttpContext.RequestAborted);
        }
        var chat = ChatRequest.Parse(json.RootElement, fetched);
        // Like a text-only model server, sim-chat refuses image parts; a vision model refuses an image it cannot decode.
        if (chat.ImageParts > 0 && SimulatorDirectives.FromModel(chat.Model).BaseModel == SimulatorModels.Chat)
        {
            return OpenAiJson.BadRequest($"The model {SimulatorModels.Chat} does not accept image input.");
        }
        if (chat.FetchErrors.Count > 0)
        {
            return OpenAiJson.BadRequest("An image could not be fetched: " + string.Join(" ", chat.FetchErrors));
        }
        if (chat.Images.Select((f, i) => f is null ? i + 1 : 0).FirstOrDefault(i => i > 0) is > 0 and var broken)
        {
            return OpenAiJson.BadRequest($"Image {broken} could not be decoded as PNG, JPEG, GIF or WebP.");
        }
        return await SimulatorPipeline.RunAsync(request, runtime, chat.Model, body.Fingerprint, (_, fault) => Respond(chat, fault));
    }

    private static IResult Respond(ChatRequest chat, SimulatorFault fault)
    {
        var (content, finish) = Content(chat, fault);
        var usage = OpenAiJson.Usage(TokenCounter.Count(chat.AllText), TokenCounter.Count(content));
        if (chat.Stream)
        {
            return ChatStream.Create(chat.Model, content, finish, chat.StreamUsage ? usage : null);
        }

        return OpenAiJson.Ok(new JsonObject
        {
            ["id"] = "chatcmpl-sim-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = OpenAiJson.Now(),
            ["model"] = chat.Model,
            ["system_fingerprint"] = "aiflow-simulator",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = finish,
            }),
            ["usage"] = usage,
        });
    }

    private static (string Content, string FinishReason) Content(ChatRequest chat, SimulatorFault fault)
    {
        var structured = chat.Schema is not null || chat.ResponseFormat == "json_object";
        if (fault == SimulatorFault.Oversized)
        {
            return ("{\"padding\":\"" + new string('x', OversizedBytes) + "\"}", "stop");
        }

        if (structured && fault == SimulatorFault.Malformed)
        {
            // Chatty preamble plus a truncated object: what a model does when it ignores the format.
            return ("Sure! Here is the JSON you asked for:\n{\"result\": \"" + First(chat.UserText, 40), "stop");
        }

        if (chat.Schema is { } schema)
        {
            var instance = CitationAnswer.Apply(schema, SqlAnswer.Apply(schema, SchemaInstanceGenerator.Generate(schema, chat.UserText), chat.UserText), chat.UserText);
            instance = VisionAnswer.Apply(schema, instance, chat.Images);
            var json = fault == SimulatorFault.SchemaViolation
                ? SchemaViolator.Violate(schema, instance)
                : instance?.ToJsonString() ?? "null";
            return (json, "stop");
        }

        if (chat.ResponseFormat == "json_object")
        {
            return (TextAnswer.JsonObjectFor(chat.LastUserText), "stop");
        }

        // Plain text honours max_tokens like a real model: cut off, finish_reason "length".
        var text = TextAnswer.For(chat.LastUserText);
        var limit = chat.MaxTokens is > 0 and var max ? max * 4 : int.MaxValue;
        return text.Length > limit ? (text[..limit], "length") : (text, "stop");
    }

    public const int OversizedBytes = 10 * 1024 * 1024;

    private static string First(string text, int length) => text.Length > length ? text[..length] : text;
}
