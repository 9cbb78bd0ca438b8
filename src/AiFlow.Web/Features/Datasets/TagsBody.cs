namespace AiFlow.Web.Features.Datasets;

/// <summary><c>PUT /api/ground-truth/{id}/tags</c>: <c>{"tags": ["smoke", "regression"]}</c>, replacing the example's tags.</summary>
public sealed record TagsBody(List<string?>? Tags);
