using AiFlow.Domain.GroundTruth;

namespace AiFlow.Web.Features.Datasets;

/// <summary>A dataset version as the console and the API list it: whose it is, its size, the tags its examples carry (with counts), and how it was taken.</summary>
public sealed record DatasetRow(Guid Id, GroundTruthScope Scope, Guid ScopeId, string ScopeKey, int Number, int ExampleCount, string? Tag, string Source,
    string? CreatedBy, string? Note, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, int> TagCounts);
