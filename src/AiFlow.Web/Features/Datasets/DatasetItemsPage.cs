using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Datasets;

/// <summary>A dataset version with one page of its examples (input and expected IR as JSON).</summary>
public sealed record DatasetItemsPage(DatasetView Dataset, int Page, int PageSize, int Total, IReadOnlyList<DatasetItemView> Items);

public sealed record DatasetItemView(Guid ExampleId, int ExampleVersion, IReadOnlyList<string> Tags, JsonNode? Input, JsonNode? Expected)
{
    public static DatasetItemView Of(DatasetItemRow i) => new(i.ExampleId, i.ExampleVersion, i.Tags, JsonNode.Parse(i.InputJson), JsonNode.Parse(i.ExpectedIrJson));
}
