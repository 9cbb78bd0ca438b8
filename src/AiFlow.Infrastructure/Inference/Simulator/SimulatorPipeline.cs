using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure.Inference.Simulator;

// The part every endpoint shares: latency, then the fault (if any), then the real answer.
internal static class SimulatorPipeline
{
    public static async Task<IResult> RunAsync(
        HttpRequest request,
        SimulatorRuntime runtime,
        string? model,
        string requestFingerprint,
        Func<SimulatorDirectives, SimulatorFault, IResult> produce)
    {
        var directives = SimulatorDirectives.From(request.Headers, model);
        using var abort = LinkAbortAndShutdown(request.HttpContext);
        try
        {
            await Task.Delay(Latency(runtime, directives), abort.Token);
            var (fault, status) = DecideFault(request, runtime, directives, requestFingerprint);
            if (fault != SimulatorFault.None)
            {
                runtime.Stats.RecordFault();
            }

            switch (fault)
            {
                case SimulatorFault.ErrorStatus:
                    return OpenAiJson.Error(status, "Simulated server error.", "server_error");
                case SimulatorFault.RateLimit:
                    var seconds = directives.RetryAfterSeconds ?? runtime.Options.RetryAfterSeconds;
                    request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    return OpenAiJson.Error(429, "Simulated rate limit.", "rate_limit_exceeded", "rate_limit_exceeded");
                case SimulatorFault.Timeout:
                    // Hang like a stuck GPU worker until the client gives up (or the host stops).
                    await Task.Delay(Timeout.Infinite, abort.Token);
                    return Results.Empty;
                default:
                    return produce(directives, fault);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Nobody is listening any more; 499 is the conventional "client closed request" for logs.
            return Results.StatusCode(499);
        }
    }

    private static CancellationTokenSource LinkAbortAndShutdown(HttpContext context)
    {
        var lifetime = context.RequestServices.GetService<IHostApplicationLifetime>();
        return CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted,
            lifetime?.ApplicationStopping ?? CancellationToken.None);
    }

    private static TimeSpan Latency(SimulatorRuntime runtime, SimulatorDirectives directives)
    {
        if (directives.LatencyMs is { } exact)
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, exact));
        }

        var options = runtime.Options;
        var jitter = options.LatencyJitterMs > 0 ? ((runtime.Roll() * 2) - 1) * options.LatencyJitterMs : 0;
        return TimeSpan.FromMilliseconds(Math.Max(0, options.LatencyMs + jitter));
    }

    private static (SimulatorFault Fault, int Status) DecideFault(
        HttpRequest request, SimulatorRuntime runtime, SimulatorDirectives directives, string requestFingerprint)
    {
        if (directives.FailFirst > 0)
        {
            var key = IdempotencyKey.From(request) is { } explicitKey ? "key:" + explicitKey : "body:" + requestFingerprint;
            if (runtime.NextAttempt(key) <= directives.FailFirst)
            {
                return (SimulatorFault.ErrorStatus, 500);
            }
        }

        if (directives.Fault != SimulatorFault.None)
        {
            var hit = directives.FaultRate >= 1 || runtime.Roll() < directives.FaultRate;
            return hit ? (directives.Fault, directives.FaultStatusCode) : (SimulatorFault.None, 200);
        }

        return (FromRates(runtime), 500);
    }

    private static SimulatorFault FromRates(SimulatorRuntime runtime)
    {
        var options = runtime.Options;
        var total = options.ErrorRate500 + options.RateLimitRate429 + options.TimeoutRate
            + options.MalformedJsonRate + options.SchemaViolationRate;
        if (total <= 0)
        {
            return SimulatorFault.None;
        }

        var roll = runtime.Roll();
        (double Rate, SimulatorFault Fault)[] table =
        [
            (options.ErrorRate500, SimulatorFault.ErrorStatus),
            (options.RateLimitRate429, SimulatorFault.RateLimit),
            (options.TimeoutRate, SimulatorFault.Timeout),
            (options.MalformedJsonRate, SimulatorFault.Malformed),
            (options.SchemaViolationRate, SimulatorFault.SchemaViolation),
        ];
        foreach (var (rate, fault) in table)
        {
            if (roll < rate)
            {
                return fault;
            }

            roll -= rate;
        }

        return SimulatorFault.None;
    }
}
