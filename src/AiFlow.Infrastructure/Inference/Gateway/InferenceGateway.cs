using System.Text.Json;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Audio;
using OpenAI.Chat;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>The gateway: picks a route's chain, calls endpoints through <see cref="ChainRunner"/>, shapes the results.</summary>
public sealed class InferenceGateway : IInferenceGateway
{
    private readonly EndpointCatalog catalog;
    private readonly ChainRunner runner;
    private readonly IDbContextFactory<AiFlowDbContext> contexts;
    private readonly IOptionsMonitor<GatewayOptions> options;

    internal InferenceGateway(EndpointCatalog catalog, ChainRunner runner, IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<GatewayOptions> options)
    {
        this.catalog = catalog;
        this.runner = runner;
        this.contexts = contexts;
        this.options = options;
    }

    public async Task<StructuredCallResult> CallStructuredAsync(StructuredCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chain = await catalog.GetChainAsync(request.RouteId, request.TaskType, cancellationToken);
        var strategy = request.CostSensitive ? RoutingStrategy.CostBased : StrategyOf(chain);
        var images = request.Images.Count;
        ImageDelivery? sent = null;
        var call = new CallInfo(request.TaskType, PromptText(request), request.IdempotencyKey, request.StepRunId, request.Attempt,
            request.Timeout, request.PromptTemplateVersionId, request.PromptVariant, Importance: request.Importance,
            AttemptNote: images == 0 ? null : endpoint => (sent is { } form && form.EndpointName == endpoint.Name ? form : Delivery(request, endpoint)).Describe(images));
        // Attempts run one after another, so a plain list records each attempt's form in order, and the request log
        // row booked after an attempt reads the form it really used.
        var deliveries = new List<ImageDelivery>();
        var outcome = await runner.RunAsync(chain.Endpoints, strategy, chain.Route?.FallBackOnInvalidOutput ?? true, call,
            async (client, endpoint, ct) =>
            {
                var urls = new string[images];
                var byUrl = false;
                for (var i = 0; i < images; i++)
                {
                    (urls[i], var fetched) = await request.Images[i].FormForAsync(endpoint.FetchesMediaUrls, ct);
                    byUrl |= fetched;
                }
                if (images > 0) deliveries.Add(sent = new ImageDelivery(endpoint.Name, byUrl));
                return await ChatAsync(client, endpoint, request, urls, ct);
            }, cancellationToken);
        var answer = outcome.Answer;
        return new StructuredCallResult
        {
            Succeeded = answer is not null,
            Content = answer?.Value,
            Model = answer?.Model,
            EndpointId = outcome.Endpoint?.Id,
            EndpointName = outcome.Endpoint?.Name,
            TokensIn = answer?.TokensIn ?? 0,
            TokensOut = answer?.TokensOut ?? 0,
            CostUsd = outcome.CostUsd,
            LatencyMs = outcome.LatencyMs,
            Error = outcome.Error,
            Tried = outcome.Tried,
            RefusedContent = outcome.LastRefused?.Value,
            RefusedModel = outcome.LastRefused?.Model,
            RefusedEndpointName = outcome.LastRefusedEndpoint?.Name,
            ImageDeliveries = deliveries,
        };
    }

    // The form meant for an endpoint, for an attempt that never reached the point of sending (an open circuit, a queue
    // timeout): the chain (its order, pools, strategy) decides which endpoint is tried next.
    private static ImageDelivery Delivery(StructuredCallRequest request, InferenceEndpoint endpoint) =>
        new(endpoint.Name, request.Images.Any(i => i.SentByUrlTo(endpoint.FetchesMediaUrls)));

    public async Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chain = await catalog.GetChainAsync(request.RouteId, request.TaskType, cancellationToken);
        var call = new CallInfo(request.TaskType, string.Join('\n', request.Inputs), request.IdempotencyKey, request.StepRunId, request.Attempt, request.Timeout,
            Importance: request.Importance);
        var batchSize = Math.Max(1, options.CurrentValue.EmbeddingBatchSize);
        var outcome = await runner.RunAsync(chain.Endpoints, request.CostSensitive ? RoutingStrategy.CostBased : StrategyOf(chain), true, call,
            (client, endpoint, ct) => EmbedBatchesAsync(client, endpoint, request.Inputs, batchSize, ct), cancellationToken);
        return new EmbeddingResult
        {
            Succeeded = outcome.Answer is not null,
            Vectors = outcome.Answer?.Value ?? [],
            Model = outcome.Answer?.Model,
            EndpointId = outcome.Endpoint?.Id,
            EndpointName = outcome.Endpoint?.Name,
            TokensIn = outcome.Answer?.TokensIn ?? 0,
            CostUsd = outcome.CostUsd,
            LatencyMs = outcome.LatencyMs,
            Error = outcome.Error,
            Tried = outcome.Tried,
        };
    }

    public async Task<TranscriptionResult> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chain = await catalog.GetChainAsync(request.RouteId, request.TaskType, cancellationToken);
        var call = new CallInfo(request.TaskType, $"[audio {request.FileName}, {request.Audio.Length} bytes]", request.IdempotencyKey,
            request.StepRunId, request.Attempt, request.Timeout, Importance: request.Importance);
        var outcome = await runner.RunAsync(chain.Endpoints, request.CostSensitive ? RoutingStrategy.CostBased : StrategyOf(chain), true, call,
            (client, endpoint, ct) => TranscribeOnceAsync(client, endpoint, request, ct), cancellationToken);
        return new TranscriptionResult
        {
            Succeeded = outcome.Answer is not null,
            Text = outcome.Answer?.Value.Text,
            Language = outcome.Answer?.Value.Language,
            DurationSeconds = outcome.Answer?.Value.DurationSeconds,
            Segments = outcome.Answer?.Value.Segments ?? [],
            Model = outcome.Answer?.Model,
            EndpointId = outcome.Endpoint?.Id,
            EndpointName = outcome.Endpoint?.Name,
            CostUsd = outcome.CostUsd,
            LatencyMs = outcome.LatencyMs,
            Error = outcome.Error,
            Tried = outcome.Tried,
        };
    }

    /// <summary>"Test connection": one tiny call to one endpoint, booked and reflected in its health like any other.</summary>
    public async Task<ConnectionTestResult> TestEndpointAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.InferenceEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return new ConnectionTestResult(false, 0, "No such endpoint.", null);
        }

        // The admin who pressed "Test connection" looks at the health next, so this call waits for its booking.
        var call = new CallInfo("connection-test", "ping", "test-" + Guid.NewGuid().ToString("N"), null, 1, TimeSpan.FromMilliseconds(Math.Max(1000, endpoint.TimeoutMs)),
            AwaitBooking: true);
        var outcome = await runner.RunAsync<string>([endpoint], RoutingStrategy.Ordered, true, call, (client, ep, ct) => PingAsync(client, ep, ct), cancellationToken);
        return outcome.Answer is { } answer
            ? new ConnectionTestResult(true, outcome.LatencyMs, null, answer.Model)
            : new ConnectionTestResult(false, outcome.Tried.Count > 0 ? outcome.Tried[^1].LatencyMs : 0, outcome.Error, null);
    }

    private static string StrategyOf(RouteChain chain) => chain.Route?.Strategy is { } s && RoutingStrategy.IsKnown(s) ? s : RoutingStrategy.Ordered;

    private static string PromptText(StructuredCallRequest request) =>
        string.IsNullOrEmpty(request.SystemPrompt) ? request.UserPrompt : request.SystemPrompt + "\n\n" + request.UserPrompt;

    private static async Task<EndpointAnswer<string>> ChatAsync(OpenAIClient client, InferenceEndpoint endpoint, StructuredCallRequest request,
        IReadOnlyList<string> imageUrls, CancellationToken ct)
    {
        var chat = client.GetChatClient(endpoint.Model);
        ChatCompletion completion = await chat.CompleteChatAsync(ChatMessages.For(request, imageUrls), ChatMessages.OptionsFor(request, endpoint.Model), ct);
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        var tokensIn = completion.Usage?.InputTokenCount ?? 0;
        var tokensOut = completion.Usage?.OutputTokenCount ?? 0;
        var model = completion.Model ?? endpoint.Model;
        if (request.Schema is not null && !IsJson(text))
        {
            return new EndpointAnswer<string>(text, model, tokensIn, tokensOut, AttemptStatus.MalformedJson, "The output is not valid JSON.");
        }

        if (request.RejectOutput?.Invoke(text) is { } reason)
        {
            return new EndpointAnswer<string>(text, model, tokensIn, tokensOut, AttemptStatus.Rejected, reason);
        }

        return new EndpointAnswer<string>(text, model, tokensIn, tokensOut);
    }

    private static async Task<EndpointAnswer<IReadOnlyList<float[]>>> EmbedBatchesAsync(OpenAIClient client, InferenceEndpoint endpoint,
        IReadOnlyList<string> inputs, int batchSize, CancellationToken ct)
    {
        var embedder = client.GetEmbeddingClient(endpoint.Model);
        var vectors = new List<float[]>(inputs.Count);
        var tokens = 0;
        string? model = null;
        foreach (var batch in inputs.Chunk(batchSize))
        {
            var collection = (await embedder.GenerateEmbeddingsAsync(batch, cancellationToken: ct)).Value;
            vectors.AddRange(collection.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray()));
            tokens += collection.Usage?.InputTokenCount ?? 0;
            model ??= collection.Model;
        }

        return new EndpointAnswer<IReadOnlyList<float[]>>(vectors, model ?? endpoint.Model, tokens, 0);
    }

    // verbose_json with segment timestamps: the IR keeps segments so the console can seek the audio to each one.
    private static async Task<EndpointAnswer<Transcript>> TranscribeOnceAsync(OpenAIClient client, InferenceEndpoint endpoint, TranscriptionRequest request, CancellationToken ct)
    {
        using var audio = new MemoryStream(request.Audio.ToArray());
        var options = new AudioTranscriptionOptions
        {
            Language = request.Language,
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Segment,
        };
        AudioTranscription transcription = await client.GetAudioClient(endpoint.Model).TranscribeAudioAsync(audio, request.FileName, options, ct);
        var segments = transcription.Segments.Select(s => new TranscriptSegment(s.StartTime.TotalSeconds, s.EndTime.TotalSeconds, s.Text.Trim())).ToList();
        var transcript = new Transcript(transcription.Text, transcription.Language, transcription.Duration?.TotalSeconds, segments);
        return new EndpointAnswer<Transcript>(transcript, endpoint.Model, 0, 0);
    }

    private static async Task<EndpointAnswer<string>> PingAsync(OpenAIClient client, InferenceEndpoint endpoint, CancellationToken ct)
    {
        switch (endpoint.Kind)
        {
            case EndpointKind.Embedding:
                var vectors = await EmbedBatchesAsync(client, endpoint, ["ping"], 1, ct);
                return new EndpointAnswer<string>("", vectors.Model, vectors.TokensIn, 0);
            case EndpointKind.Transcription:
                await client.GetOpenAIModelClient().GetModelsAsync(ct);
                return new EndpointAnswer<string>("", endpoint.Model, 0, 0);
            default:
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 1 };
                ChatCompletion completion = await client.GetChatClient(endpoint.Model).CompleteChatAsync([new UserChatMessage("ping")], options, ct);
                return new EndpointAnswer<string>("", completion.Model ?? endpoint.Model, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
