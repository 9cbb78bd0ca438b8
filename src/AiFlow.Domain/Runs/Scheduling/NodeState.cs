namespace AiFlow.Domain.Runs.Scheduling;

public enum NodeState { Pending, Running, WaitingForReview, Completed, Failed, Skipped }
