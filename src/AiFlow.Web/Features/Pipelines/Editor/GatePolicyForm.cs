using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Web.Features.Metrics;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>A pipeline's gate policy as the console edits it, and the version it was read at, so a stale save is caught.</summary>
public sealed class GatePolicyForm
{
    public List<GateRuleRow> Rules { get; } = [];
    public int MinCases { get; set; } = new GatePolicy().MinCases;
    public string? Tag { get; set; }
    public bool EndToEnd { get; set; }
    /// <summary>The agreement with reviewers a judge needs before its metric may gate, and on how many items.</summary>
    public double JudgeMinAgreement { get; set; } = JudgeBar.Default.MinAgreement;
    public int JudgeMinItems { get; set; } = JudgeBar.Default.MinItems;

    /// <summary>
    /// The version the form was read at; 0 when there was no policy, which no stored row has, so a policy created by
    /// someone else meanwhile makes the save stale instead of being overwritten.
    /// </summary>
    public uint ReadVersion { get; private set; }

    public static GatePolicyForm From(GatePolicy? policy)
    {
        var form = new GatePolicyForm();
        if (policy is null) return form;
        form.Rules.AddRange(policy.Rules.Select(GateRuleRow.From));
        (form.MinCases, form.Tag, form.EndToEnd, form.ReadVersion) = (policy.MinCases, policy.Tag, policy.EndToEnd, policy.Version);
        (form.JudgeMinAgreement, form.JudgeMinItems) = (policy.JudgeMinAgreement, policy.JudgeMinItems);
        return form;
    }

    public IReadOnlyList<GateRule> ToRules() => [.. Rules.Select(r => r.ToRule())];

    public JudgeBar ToJudgeBar() => new(JudgeMinAgreement, JudgeMinItems);

    /// <summary>The gate service's problems ("/rules/0/metric: …") by field; one without a pointer belongs to no field.</summary>
    public static FieldProblems ProblemsOf(IEnumerable<string> problems) => new([.. problems.Select(ProblemOf)]);

    private static MetricFieldProblem ProblemOf(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return problem.StartsWith('/') && colon > 0 ? new(problem[..colon], problem[(colon + 2)..]) : new("", problem);
    }
}
