using AiFlow.Domain.GroundTruth;

namespace AiFlow.Web.Features.Datasets;

/// <summary>A dataset version as the API answers it; <see cref="Tags"/> counts its examples per tag.</summary>
public sealed record DatasetView(Guid Id, DatasetScopeView Scope, int Version, int Examples, string? Tag, IReadOnlyDictionary<string, int> Tags, string Source,
    string? CreatedBy, string? Note, DateTimeOffset CreatedAt)
{
    public static DatasetView Of(DatasetRow r) => new(r.Id, new DatasetScopeView(r.Scope == GroundTruthScope.Step ? "step" : "pipeline", r.ScopeKey), r.Number,
        r.ExampleCount, r.Tag, r.TagCounts, r.Source, r.CreatedBy, r.Note, r.CreatedAt);
}

/// <param name="Kind">"step" or "pipeline".</param>
public sealed record DatasetScopeView(string Kind, string Key);
