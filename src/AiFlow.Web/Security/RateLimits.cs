using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter: every <c>/api</c> request draws from its caller's token bucket (per API key, else per
/// user, else per IP); sign-in attempts are counted per IP; costly routes draw from a second, smaller bucket. A refused
/// request answers 429 problem details with <c>Retry-After</c>. The limits are read on every request, and each
/// partition's key carries them, so a limit an Admin changes on the settings page (ADR 0037) starts new buckets at once.
/// </summary>
public static class RateLimits
{
    /// <summary>Policy for <c>POST /account/signin</c>.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Policy for routes that start work: runs, replays, retries, evaluations, prompt previews.</summary>
    public const string Costly = "costly";

    public static IServiceCollection AddAiFlowRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<RateLimitOptions>>(Configure);
        return services;
    }

    private static void Configure(RateLimiterOptions o, IOptionsMonitor<RateLimitOptions> monitor)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = RejectAsync;
        // A changed limit gives new partition keys: the old buckets go idle and the limiter drops them.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!http.Request.Path.StartsWithSegments("/api")) return RateLimitPartition.GetNoLimiter("");
            var limits = monitor.CurrentValue;
            return RateLimitPartition.GetTokenBucketLimiter(FormattableString.Invariant($"api|{limits.ApiBurst}/{limits.ApiPerSecond}|{Caller(http)}"),
                _ => Bucket(limits.ApiBurst, limits.ApiPerSecond, TimeSpan.FromSeconds(1)));
        });
        o.AddPolicy(SignIn, http =>
        {
            var perMinute = monitor.CurrentValue.SignInPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(FormattableString.Invariant($"ip|{perMinute}|{ClientIp(http)}"), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
        o.AddPolicy(Costly, http =>
        {
            var limits = monitor.CurrentValue;
            return RateLimitPartition.GetTokenBucketLimiter(FormattableString.Invariant($"costly|{limits.CostlyBurst}/{limits.CostlyPerMinute}|{Caller(http)}"),
                _ => Bucket(limits.CostlyBurst, limits.CostlyPerMinute, TimeSpan.FromMinutes(1)));
        });
    }

    /// <summary>A bucket of <paramref name="burst"/> tokens refilled at <paramref name="rate"/> per <paramref name="per"/>, in steps of at most a second.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int burst, int rate, TimeSpan per)
    {
        var perToken = per / rate;
        var period = perToken >= TimeSpan.FromSeconds(1) ? perToken : TimeSpan.FromSeconds(1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = Math.Max(1, (int)Math.Round(period / perToken)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>Who the request counts against: the API key, else the signed-in user, else the client's address.</summary>
    private static string Caller(HttpContext http) =>
        http.User.FindFirstValue("api_key_id") is { } key ? "key:" + key
        : http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user
        : "ip:" + ClientIp(http);

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var request = context.HttpContext.Request;
        if (!request.Path.StartsWithSegments("/api") && request.GetTypedHeaders().Accept.Any(a => a.MediaType == "text/html"))
        {
            // A person at the sign-in form reads a page, not a problem document.
            await Results.Content(
                $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts · AiFlow</title></head><body style=\"font-family:sans-serif;margin:3rem\">" +
                $"<h1>Too many sign-in attempts</h1><p>Please wait {seconds} seconds, then <a href=\"/signin\">try again</a>.</p></body></html>",
                "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                detail: $"This client sent more requests than its limit allows; try again in {seconds} s.")
            .ExecuteAsync(context.HttpContext);
    }
}
