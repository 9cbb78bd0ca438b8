namespace AiFlow.Web.Features.GroundTruth;

public sealed record GroundTruthApiPage(Guid Scope, int Page, int PageSize, int Total, IReadOnlyList<GroundTruthApiItem> Items);
