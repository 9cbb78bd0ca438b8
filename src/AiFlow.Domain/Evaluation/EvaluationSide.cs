namespace AiFlow.Domain.Evaluation;

/// <summary>Which version a case result belongs to: the one being evaluated or the one it is compared with.</summary>
public enum EvaluationSide { Candidate, Baseline }
