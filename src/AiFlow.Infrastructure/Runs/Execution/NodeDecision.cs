using AiFlow.Domain.Runs.Scheduling;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A node the engine decided about without executing it: skipped (condition false, upstream skipped) or failed (upstream failed, bad condition).</summary>
public sealed record NodeDecision(string NodeKey, Guid StepVersionId, NodeState State, string Reason);
