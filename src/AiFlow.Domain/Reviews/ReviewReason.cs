namespace AiFlow.Domain.Reviews;

public enum ReviewReason { InvalidIr, MetricBelowTarget, Sampling, HumanReviewNode, Manual }
