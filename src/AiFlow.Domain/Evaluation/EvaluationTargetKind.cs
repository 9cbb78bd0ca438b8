namespace AiFlow.Domain.Evaluation;

public enum EvaluationTargetKind { Step, Pipeline }
