using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class StepFactMetricTests
{
    private static readonly StepFacts Facts = new(LatencyMs: 812.5, TokensIn: 1200, TokensOut: 340, CostUsd: 0.0042, SchemaValid: false);

    [Theory]
    [InlineData("latency_ms", 812.5)]
    [InlineData("tokens_in", 1200)]
    [InlineData("tokens_out", 340)]
    [InlineData("cost_usd", 0.0042)]
    [InlineData("schema_valid", 0)]
    public void Step_facts_pass_through_as_the_metric_value_without_reading_the_output(string key, double expected)
    {
        var outcome = MetricRun.Of(key, actual: null, facts: Facts);

        Assert.Equal(expected, outcome.Value);
    }

    [Fact]
    public void Schema_valid_is_one_when_the_output_met_its_schema()
    {
        Assert.Equal(1, MetricRun.Of("schema_valid", "{}", facts: Facts with { SchemaValid = true }).Value);
    }

    [Theory]
    [InlineData("latency_ms", "the step has no latency")]
    [InlineData("cost_usd", "the step has no cost")]
    [InlineData("schema_valid", "the step has no schema validation result")]
    public void A_fact_that_was_not_measured_is_not_applicable(string key, string reason)
    {
        var outcome = MetricRun.Of(key, "{}", facts: StepFacts.None);

        Assert.Null(outcome.Value);
        Assert.Equal(reason, outcome.NotApplicableReason);
    }
}
