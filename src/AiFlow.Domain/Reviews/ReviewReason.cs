namespace AiFlow.Domain.Reviews;

/// <summary>Why an output is in the queue; <see cref="StepError"/> is a step that failed without producing any IR.</summary>
public enum ReviewReason { InvalidIr, MetricBelowTarget, Sampling, HumanReviewNode, Manual, StepError }
