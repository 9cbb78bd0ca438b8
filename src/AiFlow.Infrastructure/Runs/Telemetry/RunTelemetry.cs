using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiFlow.Domain.Runs;

namespace AiFlow.Infrastructure.Runs.Telemetry;

/// <summary>
/// AiFlow's metrics and spans. Recorded after each step and run commit, so /metrics and OTLP see what the database saw.
/// A run's spans share the run's id as their trace id: every step attempt (and the run itself) of one run is one trace,
/// found by the run id, even when its steps ran on different nodes of the cluster.
/// </summary>
public static class RunTelemetry
{
    public const string Name = "AiFlow";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("aiflow.runs", description: "Runs that reached a final (or parked) state");
    private static readonly Counter<long> Steps = Meter.CreateCounter<long>("aiflow.steps", description: "Step attempts finished");
    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("aiflow.step.duration", unit: "ms", description: "Step attempt latency");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("aiflow.tokens", description: "Tokens used by step attempts");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>("aiflow.cost", unit: "USD", description: "Cost of step attempts");
    private static readonly Counter<long> ValidationFailures = Meter.CreateCounter<long>("aiflow.ir.validation_failures", description: "Step outputs whose IR failed validation");
    private static long queued;
    private static long running;
    private static long reviewBacklog;

    static RunTelemetry() =>
        Meter.CreateObservableGauge("aiflow.queue.depth", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref queued), new KeyValuePair<string, object?>("state", "queued")),
            new Measurement<long>(Interlocked.Read(ref running), new KeyValuePair<string, object?>("state", "running")),
            new Measurement<long>(Interlocked.Read(ref reviewBacklog), new KeyValuePair<string, object?>("state", "review_backlog")),
        }, description: "Runs queued or running, and review items waiting (sampled every minute)");

    public static void SetQueueDepth(long queuedRuns, long runningRuns, long backlog)
    {
        Interlocked.Exchange(ref queued, queuedRuns);
        Interlocked.Exchange(ref running, runningRuns);
        Interlocked.Exchange(ref reviewBacklog, backlog);
    }

    public static void StepCompleted(StepRun step, bool? irValid)
    {
        var status = new KeyValuePair<string, object?>("status", step.Status.ToString());
        var node = new KeyValuePair<string, object?>("node", step.NodeKey);
        var model = new KeyValuePair<string, object?>("model", step.Model ?? "none");
        Steps.Add(1, status, node, model);
        var latency = step.LatencyMs ?? (step.StartedAt is { } s && step.FinishedAt is { } f ? (f - s).TotalMilliseconds : (double?)null);
        if (latency is { } ms) StepDuration.Record(ms, node, model);
        if (step.TokensIn + step.TokensOut > 0)
        {
            Tokens.Add(step.TokensIn, model, new KeyValuePair<string, object?>("direction", "in"));
            Tokens.Add(step.TokensOut, model, new KeyValuePair<string, object?>("direction", "out"));
        }
        if (step.CostUsd > 0) Cost.Add((double)step.CostUsd, model, new KeyValuePair<string, object?>("endpoint", step.EndpointName ?? "none"));
        if (irValid == false) ValidationFailures.Add(1, node);

        using var span = StartSpan($"step {step.NodeKey}", step.PipelineRunId, step.StartedAt);
        if (span is null) return;
        span.SetTag("aiflow.run_id", step.PipelineRunId.ToString());
        span.SetTag("aiflow.node", step.NodeKey);
        span.SetTag("aiflow.attempt", step.Attempt);
        span.SetTag("aiflow.status", step.Status.ToString());
        span.SetTag("gen_ai.request.model", step.Model);
        span.SetTag("aiflow.endpoint", step.EndpointName);
        span.SetTag("gen_ai.usage.input_tokens", step.TokensIn);
        span.SetTag("gen_ai.usage.output_tokens", step.TokensOut);
        span.SetTag("aiflow.cost_usd", (double)step.CostUsd);
        if (irValid is { } valid) span.SetTag("aiflow.ir_valid", valid);
        if (step.Status == StepRunStatus.Failed) span.SetStatus(ActivityStatusCode.Error, step.Error);
        if (step.FinishedAt is { } end) span.SetEndTime(end.UtcDateTime);
    }

    public static void RunFinished(Guid runId, RunStatus status, DateTimeOffset? startedAt, DateTimeOffset finishedAt, string? error)
    {
        Runs.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
        if (status == RunStatus.WaitingForReview) return;
        using var span = StartSpan("run", runId, startedAt);
        if (span is null) return;
        span.SetTag("aiflow.run_id", runId.ToString());
        span.SetTag("aiflow.status", status.ToString());
        if (status == RunStatus.Failed) span.SetStatus(ActivityStatusCode.Error, error);
        span.SetEndTime(finishedAt.UtcDateTime);
    }

    private static Activity? StartSpan(string name, Guid runId, DateTimeOffset? start)
    {
        if (!Source.HasListeners()) return null;
        Span<byte> bytes = stackalloc byte[16];
        runId.TryWriteBytes(bytes);
        var trace = ActivityTraceId.CreateFromBytes(bytes);
        var parent = ActivitySpanId.CreateFromBytes(bytes[8..]);
        var context = new ActivityContext(trace, parent, ActivityTraceFlags.Recorded, isRemote: true);
        return Source.StartActivity(name, ActivityKind.Internal, context, startTime: start ?? default);
    }
}
