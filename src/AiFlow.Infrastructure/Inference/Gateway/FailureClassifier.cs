using System.ClientModel;
using AiFlow.Infrastructure.Inference.Security;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Turns what an endpoint call threw into an attempt status and a one-line error.</summary>
internal static class FailureClassifier
{
    public static (string Status, string Error) Classify(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case BrokenCircuitException:
                    return (AttemptStatus.CircuitOpen, "Circuit open: the endpoint failed repeatedly and is resting.");
                case TimeoutRejectedException t:
                    return (AttemptStatus.Timeout, $"Timed out after {t.Timeout.TotalMilliseconds:0} ms.");
                case RateLimiterRejectedException:
                    return (AttemptStatus.BulkheadFull, "Too many calls waiting for this endpoint's concurrency limit.");
                case SsrfRefusedException s:
                    return (AttemptStatus.SsrfRefused, s.Message);
                case MissingApiKeyException m:
                    return (AttemptStatus.MissingApiKey, m.Message);
                case ResponseTooLargeException r:
                    return (AttemptStatus.ResponseTooLarge, r.Message);
                case ClientResultException { Status: 429 } c:
                    return (AttemptStatus.RateLimited, "HTTP 429: " + Short(c.Message));
                case ClientResultException { Status: > 0 } c:
                    return (AttemptStatus.Http(c.Status), $"HTTP {c.Status}: {Short(c.Message)}");
                case OperationCanceledException:
                    return (AttemptStatus.Timeout, "Timed out (the call's own time limit).");
            }
        }

        return exception is HttpRequestException || exception.InnerException is HttpRequestException
            ? (AttemptStatus.Network, Short(exception.Message))
            : (AttemptStatus.Error, $"{exception.GetType().Name}: {Short(exception.Message)}");
    }

    private static string Short(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 500 ? line : line[..500] + "…";
    }
}
