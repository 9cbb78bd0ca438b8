using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Runs;

/// <summary><c>POST /api/pipelines/{key}/runs</c>: the run's input (any JSON the pipeline takes) and optionally a version number.</summary>
public sealed record RunLaunchBody(JsonNode? Input, int? Version);
