namespace AiFlow.Web.Features.Datasets;

/// <summary>One case of a dataset version: the example, the version of it the snapshot holds, its tags now, its input and expected IR.</summary>
public sealed record DatasetItemRow(Guid ExampleId, int ExampleVersion, IReadOnlyList<string> Tags, string InputJson, string ExpectedIrJson);
