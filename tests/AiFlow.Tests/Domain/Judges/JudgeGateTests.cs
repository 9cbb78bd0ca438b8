using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Judges;

/// <summary>Issue 12, item 6: a judge's metric may gate only while its judge agrees with people at the policy's bar.</summary>
public class JudgeGateTests
{
    private static readonly GatePolicy Policy = new() { Rules = [new GateRule("helpful", null, Floor: 3)], MinCases = 1 };

    private static readonly StepGateEvidence Passing = new("answer", 2, 1, 1, Guid.NewGuid(), 40,
        [new EvaluationAggregate("helpful", MetricAggregation.Mean, MetricDirection.HigherIsBetter, 4.2, 4, 4.4, 40, 4, 3.8, 4.2, 40, 0.2, 10, 2, 28)],
        new Dictionary<string, IReadOnlyList<Guid>>());

    private static IReadOnlyList<GateFinding> Judge(JudgeStanding standing) =>
        GateJudge.Judge(Policy, [Passing], new Dictionary<string, JudgeStanding> { ["helpful"] = standing });

    [Fact]
    public void The_gate_refuses_a_judge_metric_whose_kappa_is_below_the_policys_bar_however_well_it_scored()
    {
        var finding = Assert.Single(Judge(new JudgeStanding("helpfulness", 2, JudgeAgreement.Kappa, 0.41, 40)));

        Assert.Equal("helpful", finding.Metric);
        Assert.Equal("helpful cannot gate: judge 'helpfulness' v2 agrees with people at Cohen's kappa 0.41 on 40 items; "
            + "the policy needs Cohen's kappa ≥ 0.6 on ≥ 30 human-judged items.", finding.Problem);
    }

    [Fact]
    public void The_gate_refuses_a_judge_compared_with_people_on_too_few_items()
    {
        Assert.Contains("has been compared with people on 12 items", Assert.Single(Judge(new JudgeStanding("helpfulness", 1, JudgeAgreement.Kappa, 0.9, 12))).Problem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_judge_at_the_bar_on_enough_items_lets_its_metric_gate()
    {
        Assert.Empty(Judge(new JudgeStanding("helpfulness", 1, JudgeAgreement.Spearman, 0.6, 30)));
    }

    [Fact]
    public void The_policys_own_bar_replaces_the_default()
    {
        var lenient = new GatePolicy { Rules = Policy.Rules, MinCases = 1, JudgeMinAgreement = 0.4, JudgeMinItems = 10 };

        Assert.Empty(GateJudge.Judge(lenient, [Passing], new Dictionary<string, JudgeStanding> { ["helpful"] = new("helpfulness", 1, JudgeAgreement.Kappa, 0.41, 12) }));
    }

    [Fact]
    public void The_judge_metric_function_is_in_the_library_and_needs_the_judges_key()
    {
        Assert.True(MetricFunctionCatalog.TryGet("judge", out var judge));
        Assert.Contains("'judge' is required", Assert.Single(judge!.ValidateParameters([])), StringComparison.Ordinal);
        Assert.Equal("helpfulness", MetricFunctionCatalog.JudgeKeyOf(judge, new System.Text.Json.Nodes.JsonObject { ["judge"] = "helpfulness" }));
    }
}
