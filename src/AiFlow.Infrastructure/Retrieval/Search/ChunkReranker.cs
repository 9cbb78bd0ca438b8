using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenAI;

namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// Calls a TEI-compatible <c>POST {base}/rerank</c> with <c>{"query", "texts"}</c> and reads <c>[{"index", "score"}]</c>.
/// It goes through the gateway's <see cref="ChainRunner"/> and the endpoint client's own pipeline, so the SSRF-pinned
/// sockets, the API key, the endpoint's concurrency limit, retries, circuit and timeout, the attempt's booking in
/// ai_request_logs and the endpoint's health all apply as to any other inference call.
/// </summary>
internal sealed class ChunkReranker(ChainRunner runner, IDbContextFactory<AiFlowDbContext> contexts)
{
    public const string TaskType = "rerank";

    /// <summary>One score per text, in the texts' order.</summary>
    public sealed record Outcome(IReadOnlyList<double> Scores, int LatencyMs, decimal CostUsd);

    /// <exception cref="SearchUnavailableException">The endpoint is missing, disabled or failed.</exception>
    public async Task<Outcome> RerankAsync(Guid endpointId, string query, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        InferenceEndpoint? endpoint;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            endpoint = await db.InferenceEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        }
        if (endpoint is null) throw new SearchUnavailableException("The collection's rerank endpoint no longer exists; pick another in the collection's settings.");
        if (!endpoint.Enabled) throw new SearchUnavailableException($"The rerank endpoint '{endpoint.Name}' is disabled.");
        if (endpoint.Provider == EndpointProvider.AzureOpenAi) throw new SearchUnavailableException($"'{endpoint.Name}' is an Azure OpenAI endpoint, which serves no /rerank.");
        if (texts.Count == 0) return new Outcome([], 0, 0);

        var call = new CallInfo(TaskType, query, "rerank-" + Guid.NewGuid().ToString("N"), null, 1, null);
        var outcome = await runner.RunAsync<IReadOnlyList<double>>([endpoint], RoutingStrategy.Ordered, true, call,
            (client, ep, ct) => SendAsync(client, ep, query, texts, ct), cancellationToken);
        return outcome.Answer is { } answer
            ? new Outcome(answer.Value, outcome.LatencyMs, outcome.CostUsd)
            : throw new SearchUnavailableException($"The rerank stage failed: {outcome.Error}");
    }

    private static async Task<EndpointAnswer<IReadOnlyList<double>>> SendAsync(OpenAIClient client, InferenceEndpoint endpoint, string query,
        IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        // "model" is not TEI's, which ignores members it does not know; other rerank servers (and the simulator) read it.
        var body = new JsonObject
        {
            ["model"] = endpoint.Model,
            ["query"] = query,
            ["texts"] = new JsonArray([.. texts.Select(t => (JsonNode?)t)]),
        };
        using var message = client.Pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(endpoint.BaseUrl.TrimEnd('/') + "/rerank");
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Headers.Set("Accept", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
        message.ResponseClassifier = PipelineMessageClassifier.Create(stackalloc ushort[] { 200 });
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        await client.Pipeline.SendAsync(message);
        var response = message.Response!;
        if (response.IsError) throw new ClientResultException(response);

        var scores = Read(response.Content, texts.Count);
        return scores is null
            ? new EndpointAnswer<IReadOnlyList<double>>([], endpoint.Model, 0, 0, AttemptStatus.MalformedJson,
                "The rerank answer is not a list of {\"index\", \"score\"} covering every text.")
            : new EndpointAnswer<IReadOnlyList<double>>(scores, endpoint.Model, 0, 0);
    }

    /// <summary>The score of each text by index, or null when the answer is not TEI's shape or leaves a text out.</summary>
    private static double[]? Read(BinaryData content, int count)
    {
        try
        {
            if (JsonNode.Parse(content) is not JsonArray items) return null;
            var scores = new double?[count];
            foreach (var item in items)
            {
                if (item is not JsonObject o || o["index"] is not JsonValue i || o["score"] is not JsonValue s
                    || !i.TryGetValue<int>(out var index) || !s.TryGetValue<double>(out var score)
                    || index < 0 || index >= count || !double.IsFinite(score))
                {
                    return null;
                }
                scores[index] = score;
            }
            return scores.All(x => x.HasValue) ? [.. scores.Select(x => x!.Value)] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
