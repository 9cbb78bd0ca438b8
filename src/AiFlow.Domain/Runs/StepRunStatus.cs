namespace AiFlow.Domain.Runs;

public enum StepRunStatus { Pending, Running, WaitingForReview, Completed, Failed, Skipped, Cancelled }
