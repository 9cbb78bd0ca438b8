namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>Both validators' verdicts on one (schema, instance) pair, with AiFlow's reasons and the referee's exception.</summary>
internal sealed record Judgement(string Schema, GeneratedInstance Instance, Verdict AiFlow, Verdict Referee, string AiFlowErrors, string RefereeFailure)
{
    public bool Agrees => AiFlow == Referee;

    public override string ToString() =>
        $"on {Instance} AiFlow says {AiFlow}, JsonSchema.Net says {Referee}"
        + (AiFlowErrors.Length > 0 ? $" (AiFlow: {AiFlowErrors})" : string.Empty)
        + (RefereeFailure.Length > 0 ? $" (JsonSchema.Net: {RefereeFailure})" : string.Empty);
}
