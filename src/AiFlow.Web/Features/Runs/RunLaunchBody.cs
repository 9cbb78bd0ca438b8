using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;

namespace AiFlow.Web.Features.Runs;

/// <summary>
/// <c>POST /api/pipelines/{key}/runs</c>: the run's input (any JSON the pipeline takes), optionally a version number,
/// and optionally an importance and cost sensitivity that override every step's own for this run.
/// </summary>
public sealed record RunLaunchBody(JsonNode? Input, int? Version, CallImportance? Importance = null, bool? CostSensitive = null);
