namespace AiFlow.Domain.Reviews;

public enum ReviewDecision { Approve, Reject, Correct }
