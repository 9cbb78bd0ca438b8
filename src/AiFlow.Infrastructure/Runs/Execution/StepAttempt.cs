using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>One committed attempt of a node: its row id and the idempotency key sent to endpoints.</summary>
public sealed record StepAttempt(Guid StepRunId, string NodeKey, Guid StepVersionId, int Attempt, string IdempotencyKey, JsonObject Params);
