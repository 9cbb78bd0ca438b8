using AiFlow.Infrastructure.GroundTruth;

namespace AiFlow.Web.Features.Datasets;

/// <summary>Two dataset versions of one scope compared by example, with both versions as listed.</summary>
public sealed record DatasetComparisonView(DatasetRow From, DatasetRow To, DatasetComparison Changes);
