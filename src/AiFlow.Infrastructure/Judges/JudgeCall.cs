using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// One output for judge <see cref="JudgeKey"/> to score: what the step read, its output and (when known) the ground truth;
/// the call is booked against <see cref="StepRunId"/> under <see cref="IdempotencyKey"/>.
/// </summary>
public sealed record JudgeCall(string JudgeKey, JsonNode? Input, IReadOnlyDictionary<string, JsonNode?> Ir, JsonNode? Output, JsonNode? Expected,
    Guid? StepRunId, string IdempotencyKey);
