using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>
/// <c>POST /builtin/v1/embeddings</c>: the built-in MiniLM behind the OpenAI embeddings API, so the gateway reaches it
/// like any endpoint and production swaps in TEI, vLLM or Azure OpenAI by editing the endpoint. Like the simulator's
/// model API it takes no credentials (the gateway calls it as it calls a model server), but it burns real CPU, so only
/// loopback callers are served: the console itself, not the internet (behind a proxy the forwarded client address counts).
/// </summary>
public static class BuiltInEmbeddingEndpoints
{
    // A body past this is not a request within the input limits; read no further.
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapBuiltInEmbeddings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BuiltInEmbeddingModel.Path);
        group.AddEndpointFilter(async (context, next) =>
            IsLoopback(context.HttpContext.Connection.RemoteIpAddress)
                ? await next(context)
                : OpenAiJson.Error(StatusCodes.Status403Forbidden, "The built-in embedding endpoint serves this machine only.", "permission_error"));
        group.MapPost("/embeddings", (HttpRequest request) => EmbedAsync(request));
        return group;
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static async Task<IResult> EmbedAsync(HttpRequest request)
    {
        var services = request.HttpContext.RequestServices;
        var limits = services.GetRequiredService<IOptions<BuiltInEmbeddingOptions>>().Value;
        var cancellationToken = request.HttpContext.RequestAborted;
        if (request.ContentLength > MaxBodyBytes) return OpenAiJson.BadRequest($"The request body is larger than {MaxBodyBytes / (1024 * 1024)} MB.");

        BuiltInEmbeddingInput input;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            input = BuiltInEmbeddingInput.Parse(json.RootElement, limits, out var error);
            if (error is not null) return OpenAiJson.BadRequest(error);
        }
        catch (JsonException)
        {
            return OpenAiJson.BadRequest("The request body is not valid JSON.");
        }

        var embedded = await services.GetRequiredService<BuiltInEmbedder>().EmbedAsync(input.Texts, cancellationToken);
        var data = new JsonArray();
        for (var i = 0; i < embedded.Vectors.Count; i++)
        {
            var vector = embedded.Vectors[i];
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = input.Base64 ? EmbeddingsHandler.ToBase64(vector) : new JsonArray([.. vector.Select(v => (JsonNode?)JsonValue.Create(v))]),
            });
        }

        return OpenAiJson.Ok(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = BuiltInEmbeddingModel.Name,
            ["usage"] = new JsonObject { ["prompt_tokens"] = embedded.Tokens, ["total_tokens"] = embedded.Tokens },
        });
    }
}
