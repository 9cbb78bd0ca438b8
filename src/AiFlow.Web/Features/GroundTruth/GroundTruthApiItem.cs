using System.Text.Json.Nodes;
using AiFlow.Domain.GroundTruth;

namespace AiFlow.Web.Features.GroundTruth;

public sealed record GroundTruthApiItem(Guid Id, string Reference, int Version, JsonNode? Input, JsonNode? Expected, GroundTruthProvenance Provenance, DateTimeOffset CreatedAt);
