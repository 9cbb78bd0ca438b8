namespace AiFlow.Domain.Runs;

public enum RunStatus { Queued, Running, WaitingForReview, Completed, Failed, Cancelled }
