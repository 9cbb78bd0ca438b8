namespace AiFlow.Domain.Evaluation;

public enum EvaluationStatus { Queued, Running, Completed, Failed, Cancelled }
