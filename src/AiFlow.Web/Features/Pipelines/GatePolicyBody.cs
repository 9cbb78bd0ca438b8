namespace AiFlow.Web.Features.Pipelines;

/// <summary>
/// <c>PUT /api/pipelines/{key}/gate-policy</c>: the whole policy and the <c>version</c> read with it. <c>updatedBy</c> and
/// <c>updatedAt</c> are read-only: accepted so a client may send back what it read, and ignored.
/// </summary>
public sealed record GatePolicyBody(IReadOnlyList<GateRuleBody?>? Rules, int? MinCases, string? Tag, uint? Version, string? UpdatedBy, DateTimeOffset? UpdatedAt);
