namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>judge</c> = the score an LLM judge (parameter <c>judge</c>, its key) gives the output, on the judge's score range.
/// The score comes from a model call, which the engine and evaluations make through the inference gateway; computed
/// here, with no model to call, it does not apply. A judge that fails or answers badly leaves the metric errored, never 0.
/// </summary>
internal sealed class JudgeMetric : MetricFunction
{
    public const string FunctionKey = "judge";
    public const string JudgeParameter = "judge";

    public JudgeMetric()
        : base(FunctionKey, MetricFunctionKind.ReferenceFree, "the judge's score for the output, from its model, within its score range",
            [new MetricParameter(JudgeParameter, MetricParameterType.String, true, "The key of the judge that scores the output, e.g. \"helpfulness\".")])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input) =>
        MetricOutcome.NotApplicable($"judge '{input.Parameters.Text(JudgeParameter)}' is scored by its model, through the inference gateway");
}
