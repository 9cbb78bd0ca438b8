namespace AiFlow.Domain.Reviews;

public enum ReviewItemStatus { Pending, InReview, Completed, Escalated }
