namespace AiFlow.Domain.Steps;

/// <summary>The settings a step version may pin; which ones apply depends on the step's kind.</summary>
public enum StepField { PromptTemplate, ModelRoute, Params, IrSchema, ValidationMode, MetricProfile, ReviewSampling, Guidelines }
