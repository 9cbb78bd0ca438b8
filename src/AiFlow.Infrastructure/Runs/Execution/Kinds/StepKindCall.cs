namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>One attempt as a step kind sees it: the pinned version, the attempt, what it may read, and the run's caches.</summary>
public sealed record StepKindCall(StepVersionSpec Spec, StepAttempt Attempt, StepContext Context, RunArtifacts Artifacts);
