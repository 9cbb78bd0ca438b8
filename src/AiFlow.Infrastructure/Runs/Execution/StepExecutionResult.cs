using AiFlow.Domain.Inference;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Linking;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>Everything one attempt produced; written in one commit with the step run.</summary>
public sealed record StepExecutionResult
{
    public StepOutcome Outcome { get; init; }
    public string? Error { get; init; }
    public string? InputJson { get; init; }
    public string? IrJson { get; init; }
    public bool IrValid { get; init; } = true;
    public IReadOnlyList<IrValidationError> IrErrors { get; init; } = [];
    public Guid? IrSchemaVersionId { get; init; }
    public IReadOnlyList<MetricValue> Metrics { get; init; } = [];
    public IReadOnlyList<(ReviewReason Reason, string Detail)> Reviews { get; init; } = [];
    /// <summary>The records the IR names under the step's <c>outputLinks</c> parameter; only a completed step has any.</summary>
    public IReadOnlyList<ProducedLink> Links { get; init; } = [];
    public string? RenderedPrompt { get; init; }
    public Guid? PromptTemplateVersionId { get; init; }
    public string? PromptVariant { get; init; }
    public string? RawResponse { get; init; }
    public string? Model { get; init; }
    public Guid? EndpointId { get; init; }
    public string? EndpointName { get; init; }
    public int TokensIn { get; init; }
    public int TokensOut { get; init; }
    public decimal CostUsd { get; init; }
    public int LatencyMs { get; init; }
    /// <summary>The gateway's rows for this attempt's calls, committed with the step (see <see cref="DeferredAccountingStepExecutor"/>).</summary>
    public IReadOnlyList<AiRequestLog> RequestLogs { get; init; } = [];

    /// <summary>
    /// The failure is in what the step was given (its input or params name media that is missing or of another kind):
    /// a retry would meet the same, so the engine does not make one.
    /// </summary>
    public bool Permanent { get; init; }

    public static StepExecutionResult Failure(string error) => new() { Outcome = StepOutcome.Failed, Error = error, IrValid = false };

    /// <summary>A <see cref="Permanent"/> failure: the input or params are wrong, and no retry changes them.</summary>
    public static StepExecutionResult InputFailure(string error) => Failure(error) with { Permanent = true };
}
