using AiFlow.Domain.Evaluation;
using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public class GatePolicyJudgeBarTests
{
    [Fact]
    public void A_new_policy_form_offers_the_default_judge_bar_of_0_6_on_30_items()
    {
        Assert.Equal(new JudgeBar(0.6, 30), GatePolicyForm.From(null).ToJudgeBar());
    }

    [Fact]
    public void The_form_reads_and_gives_back_the_policys_own_judge_bar()
    {
        var form = GatePolicyForm.From(new GatePolicy { JudgeMinAgreement = 0.45, JudgeMinItems = 12 });

        Assert.Equal((0.45, 12), (form.JudgeMinAgreement, form.JudgeMinItems));
        Assert.Equal(new JudgeBar(0.45, 12), form.ToJudgeBar());
    }
}
