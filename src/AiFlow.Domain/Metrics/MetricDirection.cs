namespace AiFlow.Domain.Metrics;

public enum MetricDirection { HigherIsBetter, LowerIsBetter }
