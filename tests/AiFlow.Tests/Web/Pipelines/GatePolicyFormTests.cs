using AiFlow.Domain.Evaluation;
using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public class GatePolicyFormTests
{
    [Fact]
    public void GatePolicyForm_shows_a_relative_allowance_as_a_percentage_and_saves_it_as_the_fraction_it_read()
    {
        var policy = new GatePolicy { Rules = [new GateRule("exact_match", 0.07, Relative: true), new GateRule("latency", 0.05, Floor: 0.5)], MinCases = 5, Tag = "golden", Version = 42 };

        var form = GatePolicyForm.From(policy);

        Assert.Equal(7, form.Rules[0].MaxRegression);
        Assert.Equal(0.05, form.Rules[1].MaxRegression);
        Assert.Equal((5, "golden", 42u), (form.MinCases, form.Tag, form.ReadVersion));
        Assert.Equal(policy.Rules, form.ToRules());
    }

    [Fact]
    public void GatePolicyForm_for_a_pipeline_without_a_policy_has_no_rules_and_read_version_zero()
    {
        var form = GatePolicyForm.From(null);

        Assert.Empty(form.Rules);
        Assert.Equal(0u, form.ReadVersion);
        Assert.Equal(new GatePolicy().MinCases, form.MinCases);
    }

    [Fact]
    public void GatePolicyForm_places_each_problem_at_its_field_and_leaves_one_without_a_pointer_to_the_form()
    {
        var problems = GatePolicyForm.ProblemsOf([
            "/rules/0/metric: 'nope' is not a defined metric.",
            "/rules/1: give a maxRegression, a floor, or both.",
            "There is no pipeline 'x'.",
        ]);

        Assert.Equal("'nope' is not a defined metric.", problems.At("/rules/0/metric"));
        Assert.Equal("give a maxRegression, a floor, or both.", problems.At("/rules/1"));
        Assert.Null(problems.At("/rules/0/floor"));
        Assert.Equal(["There is no pipeline 'x'."], problems.Except(["/rules", "/minCases", "/tag"]).Select(p => p.Message));
    }
}
