using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using AiFlow.Domain.Inference;
using Azure.AI.OpenAI;
using OpenAI;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// OpenAI clients per endpoint, over the gateway's named HttpClient (so SSRF pinning, Idempotency-Key and the
/// endpoint's resilience pipeline apply). The SDK's own retries are off: Polly owns retrying.
/// </summary>
internal sealed class EndpointClients(IHttpClientFactory httpClients)
{
    private readonly ConcurrentDictionary<string, OpenAIClient> clients = new(StringComparer.Ordinal);

    public OpenAIClient For(InferenceEndpoint endpoint, string apiKey)
    {
        // The key's hash, not the key, tells a rotated key apart.
        var cacheKey = $"{endpoint.Id:N}|{endpoint.Provider}|{endpoint.BaseUrl}|{Accounting.PromptHash.Sha256(apiKey)}";
        return clients.GetOrAdd(cacheKey, _ => Create(endpoint, apiKey));
    }

    private OpenAIClient Create(InferenceEndpoint endpoint, string apiKey)
    {
        var transport = new HttpClientPipelineTransport(httpClients.CreateClient(GatewayHttp.ClientName));
        var credential = new ApiKeyCredential(apiKey);
        if (endpoint.Provider == EndpointProvider.AzureOpenAi)
        {
            var azure = new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromMinutes(30) };
            return new AzureOpenAIClient(new Uri(endpoint.BaseUrl), credential, azure);
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUrl.TrimEnd('/')),
            Transport = transport,
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromMinutes(30),
        };
        return new OpenAIClient(credential, options);
    }
}
