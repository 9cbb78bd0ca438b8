using AiFlow.Domain.Metrics;

namespace AiFlow.Domain.Runs.Scheduling;

/// <summary>Pass/fail of a metric value against its profile target, honouring the metric's direction.</summary>
public static class MetricEvaluation
{
    public static bool? Passed(double value, double? target, MetricDirection direction) => target switch
    {
        null => null,
        { } t when direction == MetricDirection.HigherIsBetter => value >= t,
        { } t => value <= t,
    };
}
