using AiFlow.Domain.Common;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Reviews.Agreement;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>What several reviewers decided together: the majority verdict (ties go to the latest), its IR and how much they agreed.</summary>
public sealed record ReviewConsensus(ReviewDecision Decision, string? IrJson, double Agreement, IReadOnlyList<HumanFeedback> Feedback)
{
    public static ReviewConsensus Of(IReadOnlyList<HumanFeedback> feedback, string? modelIrJson)
    {
        ArgumentOutOfRangeException.ThrowIfZero(feedback.Count);
        var verdicts = feedback.Select(Verdict).ToList();
        var majority = feedback.Zip(verdicts).GroupBy(p => p.Second, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(p => p.First.CreatedAt)).First();
        var decisive = majority.Select(p => p.First).OrderByDescending(f => f.CreatedAt).First();
        var ir = decisive.Decision switch
        {
            ReviewDecision.Correct => decisive.CorrectedIrJson,
            ReviewDecision.Approve => modelIrJson,
            _ => null,
        };
        return new ReviewConsensus(decisive.Decision, ir, ItemAgreement.ModalShare(verdicts), feedback);
    }

    public static string Verdict(HumanFeedback f) =>
        ItemAgreement.Verdict(f.Decision, f.Labels, f.CorrectedIrJson is { } c && CanonicalJson.TryCanonicalize(c, out var canonical) ? canonical : f.CorrectedIrJson);
}
