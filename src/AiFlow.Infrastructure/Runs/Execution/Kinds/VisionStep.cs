using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>A vision model call: today the same structured call as <see cref="StructuredLlmStep"/>, its images named in the prompt.</summary>
public sealed class VisionStep(ModelCall model) : IStepKind
{
    public StepKind Kind => StepKind.Vision;

    public Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken) => model.CallAsync(call, cancellationToken);
}
