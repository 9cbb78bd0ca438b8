using AiFlow.Domain.Evaluation;

namespace AiFlow.Web.Features.Pipelines;

/// <summary>A pipeline's release-gate policy as the API reads and answers it.</summary>
public sealed record GatePolicyView(IReadOnlyList<GateRule> Rules, int MinCases, string? Tag, bool EndToEnd, double JudgeMinAgreement, int JudgeMinItems,
    uint Version, string? UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static GatePolicyView Of(GatePolicy p) => new(p.Rules, p.MinCases, p.Tag, p.EndToEnd, p.JudgeMinAgreement, p.JudgeMinItems, p.Version, p.UpdatedBy, p.UpdatedAt);
}
