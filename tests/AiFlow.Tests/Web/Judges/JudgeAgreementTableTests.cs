using AiFlow.Infrastructure.Judges;
using AiFlow.Web.Features.Judges;
using Bunit;

namespace AiFlow.Tests.Web.Judges;

public class JudgeAgreementTableTests
{
    [Fact]
    public async Task Each_judge_and_step_version_shows_its_agreement_and_each_disagreeing_item_links_to_its_run()
    {
        await using var ctx = MudBunit.NewContext();
        var run = Guid.CreateVersion7();
        IReadOnlyList<(string, JudgeAgreementRow)> rows =
        [
            ("tone_judge", new JudgeAgreementRow(2, "classify", 3, "kappa", 0.4, 31, [new JudgeDisagreement(Guid.CreateVersion7(), run, null, 0, "rude", null, "polite", JudgeLabelSource.Review)])),
            ("help_judge", new JudgeAgreementRow(1, "draft_reply", 1, "spearman", 0.82, 40, [])),
        ];

        var table = ctx.Render<JudgeAgreementTable>(p => p.Add(x => x.Rows, rows).Add(x => x.ShowJudge, true).Add(x => x.TestId, "dash-judge-agreement"));

        var tone = table.Find("[data-testid=judge-agreement-row][data-judge=tone_judge]");
        Assert.Contains("classify v3", tone.TextContent, StringComparison.Ordinal);
        Assert.Equal("0.4", tone.QuerySelector("[data-testid=judge-agreement-value]")!.TextContent);
        var disagreement = Assert.Single(table.FindAll("[data-testid=judge-disagreement]"));
        Assert.Equal($"/runs/{run}", disagreement.GetAttribute("href"));
        Assert.Equal("judge rude / reviewer polite", disagreement.TextContent.Trim());
        Assert.Equal("/judges/help_judge", table.Find("[data-testid=judge-agreement-row][data-judge=help_judge] a").GetAttribute("href"));
    }
}
