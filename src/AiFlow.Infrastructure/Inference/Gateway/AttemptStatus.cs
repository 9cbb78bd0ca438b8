namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>The <c>status</c> values of <c>ai_request_logs</c> rows and <see cref="EndpointAttempt.Outcome"/>.</summary>
public static class AttemptStatus
{
    public const string Ok = "ok";
    public const string RateLimited = "rate-limited";
    public const string Timeout = "timeout";
    public const string CircuitOpen = "circuit-open";
    public const string BulkheadFull = "bulkhead-full";
    public const string MalformedJson = "malformed-json";
    public const string Rejected = "rejected";
    public const string MissingApiKey = "missing-api-key";
    public const string ApiKeyRefused = "api-key-refused";
    public const string SsrfRefused = "ssrf-refused";
    public const string Network = "network-error";
    public const string Cancelled = "cancelled";
    public const string ResponseTooLarge = "response-too-large";
    public const string Error = "error";
    /// <summary>Every replica the call could use stayed busy for the call's timeout; nothing was sent.</summary>
    public const string QueueTimeout = "queue-timeout";

    public static string Http(int status) => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Output the caller could not use: the route may fall through, or stop when it does not fall back on invalid output.</summary>
    public static bool IsInvalidOutput(string status) => status is MalformedJson or Rejected;
}
