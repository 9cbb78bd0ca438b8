using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Inference.Accounting;
using AiFlow.Infrastructure.Inference.Gateway.Pools;
using AiFlow.Infrastructure.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// Walks a route: takes a replica slot from the <see cref="PoolScheduler"/> (the route's strategy picks; a saturated pool
/// queues the call), resolves the key, calls the replica under its resilience pipeline, books the attempt, updates
/// health, and stops at the first usable answer; a failure walks on to the next candidate. Endpoint failures become attempts, never exceptions.
/// </summary>
internal sealed partial class ChainRunner(
    EndpointClients clients,
    ApiKeys keys,
    IInferenceAccounting accounting,
    IBudgetGuard budgets,
    PiiRedactor redactor,
    PoolScheduler pools,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<ChainRunner> logger)
{
    public async Task<ChainOutcome<T>> RunAsync<T>(
        IReadOnlyList<InferenceEndpoint> endpoints,
        string strategy,
        bool fallBackOnInvalidOutput,
        CallInfo call,
        Func<OpenAIClient, InferenceEndpoint, CancellationToken, Task<EndpointAnswer<T>>> invoke,
        CancellationToken cancellationToken)
    {
        var tried = new List<EndpointAttempt>();
        var candidates = PoolCandidate.For(endpoints, call.Importance).ToList();
        if (candidates.Count == 0)
        {
            var reason = endpoints.Count == 0 ? "" : $" for a {call.Importance.ToString().ToLowerInvariant()}-importance call (endpoints tagged {InferenceEndpoint.PremiumTag} serve only high importance)";
            return new ChainOutcome<T>(null, null, 0, 0, $"No enabled endpoint is routed for task type '{call.TaskType}'{reason}.", tried);
        }

        // A budget's hard limit: refused before any endpoint is tried, so nothing is called or booked (ADR 0036).
        if (await budgets.RefusalAsync(call.StepRunId, cancellationToken) is { } overBudget)
        {
            return new ChainOutcome<T>(null, null, 0, 0, overBudget, tried);
        }

        var hash = PromptHash.Sha256(call.Prompt);
        var redacted = redactor.Redact(call.Prompt);
        string? lastError = null;
        EndpointAnswer<T>? refused = null;
        InferenceEndpoint? refusedBy = null;
        // Each replica is tried at most once; the strategy picks among those left, waiting while all it would use are busy.
        while (candidates.Count > 0)
        {
            PoolLease? lease;
            var queuedAt = time.GetTimestamp();
            try
            {
                // The wait is bounded by the call's timeout; a call without one waits, as it did in the bulkhead's queue.
                lease = await pools.AcquireAsync(candidates, strategy, call.Importance, call.Timeout, cancellationToken);
            }
            catch (PoolQueueTimeoutException ex)
            {
                tried.Add(new EndpointAttempt(candidates[0].Endpoint.Id, candidates[0].Endpoint.Name, AttemptStatus.QueueTimeout, ex.Message, Elapsed(queuedAt)));
                lastError = ex.Message;
                break;
            }

            if (lease is null) break;
            candidates.Remove(lease.Candidate);
            var endpoint = lease.Candidate.AsEndpoint();
            var started = time.GetTimestamp();
            EndpointAnswer<T>? answer = null;
            var status = AttemptStatus.Cancelled;
            string? error = null;
            string? apiKey = null;
            try
            {
                try
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    if (call.Timeout is { } timeout) limit.CancelAfter(timeout);
                    apiKey = keys.Resolve(endpoint);
                    var client = clients.For(endpoint, apiKey);
                    var context = new GatewayCallContext(EndpointResilience.KeyFor(endpoint, lease.Candidate.ReplicaIndex), call.IdempotencyKey, endpoint.Model);
                    answer = await context.RunAsync(() => invoke(client, endpoint, limit.Token));
                    (status, error) = (answer.InvalidStatus ?? AttemptStatus.Ok, answer.InvalidError);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await BookAsync<T>(endpoint, call, hash, redacted, null, AttemptStatus.Cancelled, "Cancelled by the caller.", Elapsed(started));
                    throw;
                }
#pragma warning disable CA1031 // Any endpoint failure is an attempt outcome; the chain moves on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    (status, error) = FailureClassifier.Classify(ex);
                }
            }
            finally
            {
                pools.Release(lease, status, error, Elapsed(started));
            }

            error = ApiKeys.Scrub(error, apiKey);
            var latency = Elapsed(started);
            var cost = await BookAsync(endpoint, call, hash, redacted, answer, status, error, latency);
            if (status == AttemptStatus.Ok)
            {
                return new ChainOutcome<T>(answer, endpoint, latency, cost, null, tried);
            }

            LogAttemptFailed(logger, endpoint.Name, status, call.TaskType);
            tried.Add(new EndpointAttempt(endpoint.Id, endpoint.Name, status, error, latency));
            lastError = $"{endpoint.Name}: {error}";
            if (AttemptStatus.IsInvalidOutput(status) && answer is not null) (refused, refusedBy) = (answer, endpoint);
            if (AttemptStatus.IsInvalidOutput(status) && !fallBackOnInvalidOutput)
            {
                break;
            }
        }

        return new ChainOutcome<T>(null, null, 0, 0, lastError, tried, refused, refusedBy);
    }

    private int Elapsed(long started) => (int)time.GetElapsedTime(started).TotalMilliseconds;

    private async Task<decimal> BookAsync<T>(InferenceEndpoint endpoint, CallInfo call, string hash, string redacted,
        EndpointAnswer<T>? answer, string status, string? error, int latencyMs)
    {
        var cost = CostCalculator.Compute(endpoint, answer?.TokensIn ?? 0, answer?.TokensOut ?? 0, latencyMs);
        var row = new AiRequestLog
        {
            EndpointId = endpoint.Id,
            EndpointName = endpoint.Name,
            Model = answer?.Model ?? endpoint.Model,
            TaskType = call.TaskType,
            PromptTemplateVersionId = call.PromptTemplateVersionId,
            PromptVariant = call.PromptVariant,
            TokensIn = answer?.TokensIn ?? 0,
            TokensOut = answer?.TokensOut ?? 0,
            CostUsd = cost,
            LatencyMs = latencyMs,
            Status = status,
            Error = error,
            PromptHash = hash,
            RedactedPrompt = call.AttemptNote?.Invoke(endpoint) is { } note ? redacted + "\n" + note : redacted,
            StepRunId = call.StepRunId,
            Attempt = call.Attempt,
            IdempotencyKey = call.IdempotencyKey,
            CreatedAt = time.GetUtcNow(),
        };
        // Under a deferred scope the row is booked once the scope holds it; its owner commits it.
        var deferred = DeferredAccounting.Current;
        deferred?.Add(row);
        var booking = BookRowAndHealthAsync(deferred is null ? row : null, endpoint, status, error);
        if ((options.CurrentValue.AwaitAccounting || call.AwaitBooking) && deferred is null)
        {
            await booking;
        }

        return cost;
    }

    private async Task BookRowAndHealthAsync(AiRequestLog? row, InferenceEndpoint endpoint, string status, string? error)
    {
        try
        {
            if (row is not null) await accounting.WriteAsync(row, CancellationToken.None);
            await accounting.RecordHealthAsync(endpoint.Id, status == AttemptStatus.Ok, status == AttemptStatus.Ok ? null : $"{status}: {error}", CancellationToken.None);
        }
#pragma warning disable CA1031 // Accounting must not turn an answered call into a failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAccountingFailed(logger, ex, endpoint.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Endpoint} failed with {Status} for task {TaskType}; trying the next in the chain")]
    private static partial void LogAttemptFailed(ILogger logger, string endpoint, string status, string taskType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not book an inference attempt on {Endpoint}")]
    private static partial void LogAccountingFailed(ILogger logger, Exception exception, string endpoint);
}
