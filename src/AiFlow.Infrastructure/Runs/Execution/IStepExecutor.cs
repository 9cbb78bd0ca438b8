using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>Executes one attempt of a step kind. Never throws for step failures: they are results.</summary>
public interface IStepExecutor
{
    Task<StepExecutionResult> ExecuteAsync(StepAttempt attempt, StepContext context, CancellationToken cancellationToken);
}
