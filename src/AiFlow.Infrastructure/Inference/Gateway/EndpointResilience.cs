using System.Globalization;
using System.Threading.RateLimiting;
using AiFlow.Domain.Inference;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// One resilience pipeline per endpoint, keyed by id plus the settings it is built from (so an admin edit yields a
/// fresh pipeline): bulkhead (MaxConcurrency) → retry (exponential, jitter, Retry-After) → circuit breaker → attempt timeout.
/// </summary>
internal static class EndpointResilience
{
    public static string KeyFor(InferenceEndpoint endpoint) =>
        string.Create(CultureInfo.InvariantCulture, $"{endpoint.Id:N}/{Math.Max(1, endpoint.MaxConcurrency)}/{Math.Max(1, endpoint.TimeoutMs)}");

    /// <summary>A pool's extra replicas get their own pipeline (bulkhead, circuit), keyed with their index.</summary>
    public static string KeyFor(InferenceEndpoint endpoint, int replica) =>
        replica == 0 ? KeyFor(endpoint) : string.Create(CultureInfo.InvariantCulture, $"{KeyFor(endpoint)}/{replica}");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, string key, GatewayOptions options, CircuitStates circuits)
    {
        var parts = key.Split('/');
        var (maxConcurrency, timeoutMs) = parts.Length >= 3
            ? (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : (8, 60_000);

        builder.AddConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = maxConcurrency,
            QueueLimit = options.BulkheadQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(options.MaxRetryDelayMs),
                ShouldRetryAfterHeader = true,
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = Math.Max(2, options.CircuitMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, options.CircuitSamplingSeconds)),
            BreakDuration = TimeSpan.FromMilliseconds(Math.Max(500, options.CircuitBreakMs)),
            OnOpened = _ => Recorded(circuits, key, CircuitStates.State.Open),
            OnHalfOpened = _ => Recorded(circuits, key, CircuitStates.State.HalfOpen),
            OnClosed = _ => Recorded(circuits, key, CircuitStates.State.Closed),
        });
        builder.AddTimeout(TimeSpan.FromMilliseconds(timeoutMs));
    }

    private static ValueTask Recorded(CircuitStates circuits, string key, CircuitStates.State state)
    {
        circuits.Record(key, state);
        return ValueTask.CompletedTask;
    }
}
