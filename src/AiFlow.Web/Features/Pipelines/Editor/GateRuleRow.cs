using AiFlow.Domain.Evaluation;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// One row of the gate policy form. A relative allowance is typed as a percentage of the baseline (5 for 5 %) and
/// stored as a fraction (0.05), which is what <see cref="GateJudge"/> compares with.
/// </summary>
public sealed class GateRuleRow
{
    public string? Metric { get; set; }
    public double? MaxRegression { get; set; }
    public bool Relative { get; set; }
    public double? Floor { get; set; }

    public static GateRuleRow From(GateRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // Rounded so that a stored 0.07 reads back as 7, not 7.000000000000001.
        var max = rule.Relative && rule.MaxRegression is { } fraction ? Math.Round(fraction * 100, 10) : rule.MaxRegression;
        return new GateRuleRow { Metric = rule.Metric, MaxRegression = max, Relative = rule.Relative, Floor = rule.Floor };
    }

    public GateRule ToRule() => new(Metric ?? "", Relative && MaxRegression is { } percent ? percent / 100 : MaxRegression, Relative, Floor);
}
