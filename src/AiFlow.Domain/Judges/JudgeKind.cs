namespace AiFlow.Domain.Judges;

/// <summary>
/// What a judge says besides its score: a rating on its score range (agreement with reviewers' ratings is Spearman's ρ),
/// or one of its category labels (agreement with reviewers' labels or decisions is Cohen's kappa).
/// </summary>
public enum JudgeKind { Rating, Category }
