using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>Maps the OpenAI-compatible simulator: chat completions, embeddings, transcriptions, TEI's rerank, models, stats.</summary>
public static class SimulatorEndpoints
{
    /// <summary>
    /// Maps the simulator under <paramref name="prefix"/>. Options come from <see cref="IOptionsMonitor{T}"/>
    /// (see <see cref="SimulatorServiceCollectionExtensions.AddInferenceSimulator"/>) and are read per request,
    /// so latency and fault rates can be changed while the host runs. The admin routes (<c>_stats</c>,
    /// <c>_stats/reset</c>) are mapped only with <paramref name="adminRoutes"/>, in a group of their own, so a host can
    /// guard them apart from the model API.
    /// </summary>
    public static SimulatorRoutes MapInferenceSimulator(this IEndpointRouteBuilder app, string prefix = "/sim/v1", bool adminRoutes = true)
    {
        var services = app.ServiceProvider;
        var monitor = services.GetRequiredService<IOptionsMonitor<SimulatorOptions>>();
        var stats = services.GetService<SimulatorStats>() ?? new SimulatorStats();
        return Map(app, prefix, new SimulatorRuntime(() => monitor.CurrentValue, stats), adminRoutes);
    }

    internal static SimulatorRoutes Map(IEndpointRouteBuilder app, string prefix, SimulatorRuntime runtime, bool adminRoutes = true)
    {
        var group = app.MapGroup(prefix);
        group.MapGet("/models", () => Models());

        // Only inference calls count as requests; reading the stats must not move them.
        var inference = group.MapGroup(string.Empty);
        inference.AddEndpointFilter(async (context, next) =>
        {
            runtime.Stats.Enter(IdempotencyKey.From(context.HttpContext.Request));
            try
            {
                return await next(context);
            }
            finally
            {
                runtime.Stats.Exit();
            }
        });
        inference.MapPost("/chat/completions", (HttpRequest request) => ChatCompletionsHandler.HandleAsync(request, runtime));
        inference.MapPost("/embeddings", (HttpRequest request) => EmbeddingsHandler.HandleAsync(request, runtime));
        // TEI's rerank route; TEI serves it at its root, which an endpoint's base URL names.
        inference.MapPost("/rerank", (HttpRequest request) => RerankHandler.HandleAsync(request, runtime));
        inference.MapPost("/audio/transcriptions", (HttpRequest request) => TranscriptionsHandler.HandleAsync(request, runtime))
            .DisableAntiforgery();

        // Azure OpenAI's layout: the deployment in the path, the key in an api-key header, an api-version query.
        var azure = inference.MapGroup("/openai/deployments/{deployment}");
        azure.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!request.Headers.ContainsKey("api-key") || !request.Query.ContainsKey("api-version"))
            {
                return OpenAiJson.Error(StatusCodes.Status401Unauthorized, "Azure OpenAI calls need an api-key header and an api-version query.", "invalid_request_error");
            }
            runtime.Stats.CountDeployment((string)request.RouteValues["deployment"]!);
            return await next(context);
        });
        azure.MapPost("/chat/completions", (HttpRequest request) => ChatCompletionsHandler.HandleAsync(request, runtime));
        azure.MapPost("/embeddings", (HttpRequest request) => EmbeddingsHandler.HandleAsync(request, runtime));
        azure.MapPost("/audio/transcriptions", (HttpRequest request) => TranscriptionsHandler.HandleAsync(request, runtime))
            .DisableAntiforgery();
        return new SimulatorRoutes(group, adminRoutes ? MapAdmin(app, prefix, runtime) : null);
    }

    private static RouteGroupBuilder MapAdmin(IEndpointRouteBuilder app, string prefix, SimulatorRuntime runtime)
    {
        var admin = app.MapGroup(prefix);
        admin.MapGet("/_stats", () => OpenAiJson.Ok(runtime.Stats.ToJson()));
        admin.MapPost("/_stats/reset", () =>
        {
            runtime.Stats.Reset();
            runtime.ResetAttempts();
            return OpenAiJson.Ok(runtime.Stats.ToJson());
        });
        return admin;
    }

    private static IResult Models()
    {
        var created = OpenAiJson.Now();
        var data = new JsonArray(SimulatorModels.All
            .Select(id => (JsonNode?)new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = created, ["owned_by"] = "aiflow-simulator" })
            .ToArray());
        return OpenAiJson.Ok(new JsonObject { ["object"] = "list", ["data"] = data });
    }
}
