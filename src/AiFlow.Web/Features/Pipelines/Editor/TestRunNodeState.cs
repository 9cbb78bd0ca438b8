using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>A node's latest attempt in a test run: what the canvas overlay shows.</summary>
public sealed record TestRunNodeState(string NodeKey, int Attempt, StepRunStatus Status, bool? IrValid, int? LatencyMs, string? Error);
