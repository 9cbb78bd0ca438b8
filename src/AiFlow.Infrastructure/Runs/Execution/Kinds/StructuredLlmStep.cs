using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>A chat model answers the rendered prompt with JSON under the step's IR schema.</summary>
public sealed class StructuredLlmStep(ModelCall model) : IStepKind
{
    public StepKind Kind => StepKind.StructuredLlm;

    public Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken) => model.CallAsync(call, cancellationToken);
}
