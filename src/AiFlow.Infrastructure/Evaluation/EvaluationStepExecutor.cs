using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Runs.Execution;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// The engine's steps in an end-to-end evaluation: every step kind runs as in a run, except a human-review node, which
/// passes its upstream IR on instead of parking the case for a reviewer (an evaluation queues nothing for review).
/// </summary>
internal sealed class EvaluationStepExecutor(LoadedRun run, IStepExecutor inner) : IStepExecutor
{
    public Task<StepExecutionResult> ExecuteAsync(StepAttempt attempt, StepContext context, CancellationToken cancellationToken)
    {
        if (!run.StepVersions.TryGetValue(attempt.StepVersionId, out var spec) || spec.Kind != StepKind.HumanReview)
        {
            return inner.ExecuteAsync(attempt, context, cancellationToken);
        }
        var upstream = context.Node.DependsOn.Select(d => context.Ir.GetValueOrDefault(d)).FirstOrDefault(ir => ir is not null);
        return Task.FromResult(new StepExecutionResult { Outcome = StepOutcome.Completed, IrJson = upstream?.ToJsonString() ?? "{}" });
    }
}
