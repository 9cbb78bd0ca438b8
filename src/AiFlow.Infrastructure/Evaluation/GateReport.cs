using AiFlow.Domain.Evaluation;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// The gate's answer for one pipeline version: whether a policy applies, whether it passes, why not, and the evidence per
/// changed step, or, when <paramref name="EndToEnd"/>, per node of the version's end-to-end evaluation (named <c>pipeline/node</c>).
/// </summary>
public sealed record GateReport(bool Gated, bool Passed, IReadOnlyList<GateFinding> Findings, IReadOnlyList<StepGateEvidence> Steps, bool EndToEnd = false)
{
    public static readonly GateReport NotGated = new(false, true, [], []);
}
