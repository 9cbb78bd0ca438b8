using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>The pinned DAG of a run, its input and the committed progress of each node.</summary>
public sealed record RunPlan(Guid RunId, PipelineDag Dag, JsonNode? Input, IReadOnlyDictionary<string, NodeProgress> Progress);
