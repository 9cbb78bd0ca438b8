namespace AiFlow.Web.Features.Datasets;

/// <summary>Two dataset versions and the example ids added, removed and changed between them.</summary>
public sealed record DatasetCompareView(DatasetView From, DatasetView To, IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed, IReadOnlyList<Guid> Changed, int Unchanged)
{
    public static DatasetCompareView Of(DatasetComparisonView v) =>
        new(DatasetView.Of(v.From), DatasetView.Of(v.To), v.Changes.Added, v.Changes.Removed, v.Changes.Changed, v.Changes.Unchanged);
}
