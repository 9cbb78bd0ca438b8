using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>What a step may read: the run input and the IR and metrics of nodes already completed.</summary>
public sealed record StepContext(
    Guid RunId,
    DagNode Node,
    JsonNode? Input,
    IReadOnlyDictionary<string, JsonNode?> Ir,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics);
