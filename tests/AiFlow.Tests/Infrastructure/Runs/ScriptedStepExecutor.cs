using System.Collections.Concurrent;
using AiFlow.Infrastructure.Runs.Execution;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>
/// A step kind whose behaviour per node is scripted: how long it takes (on the fake clock), how many attempts fail
/// first, whether it parks for review, and the IR and metrics it produces. Counts concurrency.
/// </summary>
internal sealed class ScriptedStepExecutor(TimeProvider clock) : IStepExecutor
{
    private int inFlight;
    public int MaxInFlight { get; private set; }
    public ConcurrentDictionary<string, int> MaxInFlightByGroup { get; } = new();
    private readonly ConcurrentDictionary<string, int> inFlightByGroup = new();
    public Dictionary<string, Script> Scripts { get; } = [];
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public sealed record Script(int DurationMs = 10, int FailFirst = 0, bool Park = false, string Ir = "{}", double? Quality = null);

    public async Task<StepExecutionResult> ExecuteAsync(StepAttempt attempt, StepContext context, CancellationToken cancellationToken)
    {
        var script = Scripts.GetValueOrDefault(attempt.NodeKey, new Script());
        var calls = Calls.AddOrUpdate(attempt.NodeKey, 1, (_, c) => c + 1);
        var now = Interlocked.Increment(ref inFlight);
        lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
        var group = context.Node.ParallelGroup;
        if (group is not null)
        {
            var g = inFlightByGroup.AddOrUpdate(group, 1, (_, c) => c + 1);
            MaxInFlightByGroup.AddOrUpdate(group, g, (_, c) => Math.Max(c, g));
        }
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(script.DurationMs), clock, cancellationToken);
            if (script.Park) return new StepExecutionResult { Outcome = StepOutcome.Parked };
            if (calls <= script.FailFirst) return StepExecutionResult.Failure($"scripted failure {calls}");
            var metrics = script.Quality is { } q ? new[] { new MetricValue("quality", q, null, null) } : [];
            return new StepExecutionResult { Outcome = StepOutcome.Completed, IrJson = script.Ir, Metrics = metrics };
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            if (group is not null) inFlightByGroup.AddOrUpdate(group, 0, (_, c) => c - 1);
        }
    }
}
