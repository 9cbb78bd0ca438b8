using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// What one kind of step does in an attempt: call a model, transform, park for a reviewer, retrieve... One class per
/// kind, registered with DI; a kind without one cannot be authored, published or run (see <see cref="StepKindRegistry"/>).
/// IR validation, output links, metrics and the review policy are the same for every kind and stay in
/// <see cref="StepKindExecutor"/>. Step failures come back as results, never as exceptions.
/// </summary>
public interface IStepKind
{
    StepKind Kind { get; }

    Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken);
}
