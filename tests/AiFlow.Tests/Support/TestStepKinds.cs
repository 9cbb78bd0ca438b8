using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Runs.Execution.Kinds;

namespace AiFlow.Tests.Support;

/// <summary>
/// A <see cref="StepKindRegistry"/> for services that only ask which kinds can run (authoring): each named kind gets a
/// stand-in that is never run.
/// </summary>
public static class TestStepKinds
{
    /// <summary>The kinds this build registers with <see cref="StepKindsDependencyInjection.AddStepKinds"/> today.</summary>
    public static readonly StepKind[] Built = [StepKind.StructuredLlm, StepKind.Vision, StepKind.Transcription, StepKind.Transform, StepKind.HumanReview, StepKind.Embedding, StepKind.Retrieval, StepKind.SqlQuery];

    public static StepKindRegistry Registry(params StepKind[] kinds) => new((kinds.Length == 0 ? Built : kinds).Select(k => (IStepKind)new StandIn(k)));

    private sealed class StandIn(StepKind kind) : IStepKind
    {
        public StepKind Kind => kind;

        public Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Authoring tests never run a step.");
    }
}
