namespace AiFlow.Domain.Evaluation;

/// <summary>The agreement with people (kappa or Spearman's ρ, at least <see cref="MinAgreement"/> on at least <see cref="MinItems"/> items) a judge needs to gate.</summary>
public sealed record JudgeBar(double MinAgreement, int MinItems)
{
    public static JudgeBar Default { get; } = new(0.6, 30);
}
