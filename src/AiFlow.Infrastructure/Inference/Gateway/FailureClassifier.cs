using System.ClientModel;
using System.Net.Http;
using System.Security.Authentication;
using System.Text.Json;
using AiFlow.Infrastructure.Inference.Security;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// Turns what an endpoint call threw into an attempt status and a one-line error: the HTTP status and a classified
/// reason, never the upstream body (which may echo a key, a prompt or an internal page). These lines reach
/// <c>ai_request_logs</c>, the endpoint's <c>last_error</c> and "Test connection".
/// </summary>
internal static class FailureClassifier
{
    public static (string Status, string Error) Classify(Exception exception)
    {
        // AiFlow's own refusals first: the SSRF guard's, for one, arrives wrapped in an HttpRequestException.
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case BrokenCircuitException:
                    return (AttemptStatus.CircuitOpen, "Circuit open: the endpoint failed repeatedly and is resting.");
                case TimeoutRejectedException t:
                    return (AttemptStatus.Timeout, $"Timeout: no answer within {t.Timeout.TotalMilliseconds:0} ms.");
                case RateLimiterRejectedException:
                    return (AttemptStatus.BulkheadFull, "Too many calls waiting for this endpoint's concurrency limit.");
                case SsrfRefusedException s:
                    return (AttemptStatus.SsrfRefused, s.Message);
                case MissingApiKeyException m:
                    return (AttemptStatus.MissingApiKey, m.Message);
                case ApiKeyRefusedException r:
                    return (AttemptStatus.ApiKeyRefused, r.Message);
                case ResponseTooLargeException r:
                    return (AttemptStatus.ResponseTooLarge, r.Message);
            }
        }

        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case ClientResultException { Status: 429 }:
                    return (AttemptStatus.RateLimited, Http(429));
                case ClientResultException { Status: > 0 } c:
                    return (AttemptStatus.Http(c.Status), Http(c.Status));
                case AuthenticationException:
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return (AttemptStatus.Network, "TLS: the secure connection failed (certificate or protocol).");
                case HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded }:
                    return (AttemptStatus.Network, "Malformed response: the endpoint's answer is not valid HTTP.");
                case HttpRequestException h:
                    return (AttemptStatus.Network, Unreachable(h.HttpRequestError));
                case JsonException or FormatException:
                    return (AttemptStatus.Error, "Malformed response: the answer is not the API's JSON.");
                case OperationCanceledException:
                    return (AttemptStatus.Timeout, "Timeout: the call's own time limit passed.");
            }
        }

        return (AttemptStatus.Error, $"{exception.GetType().Name}: {Short(exception.Message)}");
    }

    /// <summary>The status and what it usually means; the body is left out on purpose.</summary>
    internal static string Http(int status) => status switch
    {
        401 or 403 => $"HTTP {status}: unauthorized (the endpoint refused the API key).",
        404 => "HTTP 404: not found (check the base URL and the model or deployment name).",
        408 => "HTTP 408: timeout (the endpoint gave up waiting).",
        429 => "HTTP 429: rate limited by the endpoint.",
        >= 500 => $"HTTP {status}: server error at the endpoint.",
        >= 400 => $"HTTP {status}: request refused by the endpoint (check the model and its parameters).",
        _ => $"HTTP {status}: malformed response (an unexpected status).",
    };

    private static string Unreachable(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "Unreachable: the host name does not resolve.",
        HttpRequestError.ConnectionError => "Unreachable: the connection was refused or dropped.",
        HttpRequestError.ProxyTunnelError => "Unreachable: the proxy refused the tunnel.",
        _ => "Unreachable: the request did not get an answer.",
    };

    private static string Short(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
