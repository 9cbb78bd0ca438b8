using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint.Runtime;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// Evaluates a condition in a <see cref="ConditionSandbox"/>, after holding it to <see cref="ConditionSyntax"/> again:
/// a hostile or buggy expression fails its node with a reason, never the worker. Parsed conditions are cached, since the
/// same few run for every run of a pipeline.
/// </summary>
public static class ConditionEvaluator
{
    private const int CacheSize = 1_000;
    private static readonly ConcurrentDictionary<string, ConditionParse> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// Evaluates on the thread pool and gives up once it has run for <see cref="ConditionLimits.HardDeadline"/>, so the
    /// caller is never held longer, even by a native call that no check interrupts.
    /// </summary>
    public static Task<bool> EvaluateAsync(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics, CancellationToken cancellationToken) =>
        EvaluateAsync(expression, input, ir, metrics, ConditionLimits.HardDeadline, cancellationToken);

    internal static async Task<bool> EvaluateAsync(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics, TimeSpan hardDeadline, CancellationToken cancellationToken)
    {
        // Copied here, on the caller's thread: the caller may change its dictionaries once it stops waiting.
        var data = ConditionData.From(input, ir, metrics);
        // Not disposed: the evaluation may outlive this method, and a source without a timer holds nothing to free.
        var stop = new CancellationTokenSource();
        using var forward = cancellationToken.Register(stop.Cancel);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var evaluation = Task.Run(() => Run(expression, data, stop.Token, ready), CancellationToken.None);
        // The deadline counts once an engine is ready, not from the queue nor through a first engine's seconds of JIT.
        await Task.WhenAny(ready.Task, evaluation).WaitAsync(cancellationToken);
        try
        {
            return await evaluation.WaitAsync(hardDeadline, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // The engine stops at its next check; nobody waits for it.
            await stop.CancelAsync();
            throw new ConditionEvaluationException(expression, $"it did not finish within {hardDeadline.TotalMilliseconds:N0} ms", ex);
        }
    }

    public static bool Evaluate(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics) => Run(expression, ConditionData.From(input, ir, metrics), CancellationToken.None);

    private static bool Run(string expression, ConditionData data, CancellationToken cancellationToken, TaskCompletionSource? ready = null)
    {
        var parse = Parse(expression);
        if (!parse.IsRunnable) throw new ConditionEvaluationException(expression, string.Join(" ", parse.Problems));

        var sandbox = ConditionSandbox.Rent();
        ready?.SetResult();
        var reusable = false;
        try
        {
            var result = sandbox.Evaluate(parse.Script, data, cancellationToken);
            reusable = true;
            return result;
        }
        catch (JavaScriptException ex)
        {
            reusable = true;
            throw new ConditionEvaluationException(expression, ex.Error.ToString(), ex);
        }
        catch (Exception ex) when (LimitReached(ex) is { } limit)
        {
            throw new ConditionEvaluationException(expression, "it exceeded the sandbox limits: " + limit, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever else the engine throws fails the node, not the run's loop; cancellation stays cancellation.
            throw new ConditionEvaluationException(expression, ex.Message, ex);
        }
        finally
        {
            if (reusable) sandbox.Return();
            else sandbox.Dispose();
        }
    }

    private static ConditionParse Parse(string expression)
    {
        if (Parsed.TryGetValue(expression, out var cached)) return cached;
        // Conditions come from published versions, so the cache stays small; anything else must not grow it for ever.
        if (Parsed.Count >= CacheSize) Parsed.Clear();
        return Parsed.GetOrAdd(expression, ConditionSyntax.Parse);
    }

    private static string? LimitReached(Exception ex) => ex switch
    {
        RegexMatchTimeoutException => $"a regular expression ran longer than {ConditionLimits.RegexTimeout.TotalMilliseconds:0} ms",
        TimeoutException => $"it ran longer than {ConditionLimits.Timeout.TotalMilliseconds:0} ms",
        MemoryLimitExceededException memory => memory.Message,
        StatementsCountOverflowException => $"it ran more than {ConditionLimits.MaxStatements:N0} statements",
        RecursionDepthOverflowException => $"it recursed deeper than {ConditionLimits.MaxRecursionDepth} calls",
        _ => null,
    };
}
