using AiFlow.Domain.Evaluation;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>The gate's answer for one pipeline version: whether a policy applies, whether it passes, why not, and the evidence per changed step.</summary>
public sealed record GateReport(bool Gated, bool Passed, IReadOnlyList<GateFinding> Findings, IReadOnlyList<StepGateEvidence> Steps)
{
    public static readonly GateReport NotGated = new(false, true, [], []);
}
