using AiFlow.Domain.Reviews;
using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>A human-review node shows the upstream IR to a reviewer and parks the run until a decision.</summary>
public sealed class HumanReviewStep : IStepKind
{
    public StepKind Kind => StepKind.HumanReview;

    public Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var context = call.Context;
        var upstream = context.Node.DependsOn.Select(d => context.Ir.GetValueOrDefault(d)).FirstOrDefault(ir => ir is not null);
        return Task.FromResult(new StepExecutionResult
        {
            Outcome = StepOutcome.Parked,
            IrJson = upstream?.ToJsonString() ?? "{}",
            Reviews = [(ReviewReason.HumanReviewNode, "The pipeline waits for a reviewer's decision.")],
        });
    }
}
