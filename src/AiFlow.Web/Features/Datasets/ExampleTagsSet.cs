namespace AiFlow.Web.Features.Datasets;

/// <summary>The answer to <c>PUT /api/ground-truth/{id}/tags</c>: the example and its tags as normalised.</summary>
public sealed record ExampleTagsSet(Guid ExampleId, IReadOnlyList<string> Tags);
