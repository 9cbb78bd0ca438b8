namespace AiFlow.Web.Features.Pipelines;

/// <summary>
/// <c>PUT /api/pipelines/{key}/gate-policy</c>: the whole policy and the <c>version</c> read with it. <c>updatedBy</c> and
/// <c>updatedAt</c> are read-only: accepted so a client may send back what it read, and ignored. <c>endToEnd</c> judges the
/// pipeline version end to end instead of each changed step; <c>judgeMinAgreement</c> and <c>judgeMinItems</c> (given
/// together or not at all) are the agreement with people a judge's metric needs before it may gate.
/// </summary>
public sealed record GatePolicyBody(IReadOnlyList<GateRuleBody?>? Rules, int? MinCases, string? Tag, bool? EndToEnd, double? JudgeMinAgreement, int? JudgeMinItems,
    uint? Version, string? UpdatedBy, DateTimeOffset? UpdatedAt);
