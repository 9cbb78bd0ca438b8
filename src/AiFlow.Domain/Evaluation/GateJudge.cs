using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics;

namespace AiFlow.Domain.Evaluation;

/// <summary>
/// The gate's decision, pure: every changed step needs an evaluation on its newest dataset with enough cases, and every
/// rule's metric must stay within its allowed regression and above its floor. Regression is measured in the metric's
/// direction: baseline − candidate when higher is better, candidate − baseline when lower is better; relative divides by
/// |baseline|. A rule whose metric the evaluation lacks, or that has no baseline to regress from, is reported, not waived.
/// A rule on a judge's metric counts only while the judge's current version agrees with people at the policy's bar, on
/// enough items; otherwise the rule is refused, saying so, whatever the judge scored.
/// </summary>
public static class GateJudge
{
    /// <summary>The step named by a finding that is about the policy's rule rather than one step.</summary>
    public const string PolicyWide = "(all changed steps)";

    public static IReadOnlyList<GateFinding> Judge(GatePolicy policy, IReadOnlyList<StepGateEvidence> steps,
        IReadOnlyDictionary<string, JudgeStanding>? judges = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var findings = new List<GateFinding>();
        foreach (var rule in steps.Count == 0 ? [] : policy.Rules)
        {
            if (judges?.GetValueOrDefault(rule.Metric) is { } judge && Untrusted(policy, judge) is { } problem)
            {
                findings.Add(new GateFinding(PolicyWide, rule.Metric, $"{rule.Metric} cannot gate: {problem}", judge.Agreement, null, policy.JudgeMinAgreement));
            }
        }
        foreach (var step in steps)
        {
            if (step.NewestDataset is null)
            {
                findings.Add(new GateFinding(step.Step, null, $"Step '{step.Step}' v{step.CandidateVersion} has no dataset to be evaluated on."));
                continue;
            }
            if (step.EvaluationId is null)
            {
                findings.Add(new GateFinding(step.Step, null,
                    $"Step '{step.Step}' v{step.CandidateVersion} has no completed evaluation on dataset v{step.NewestDataset}{(policy.Tag is null ? "" : $" tagged '{policy.Tag}'")}."));
                continue;
            }
            if (step.Cases < policy.MinCases)
            {
                findings.Add(new GateFinding(step.Step, null, $"The evaluation of step '{step.Step}' v{step.CandidateVersion} has {step.Cases} cases; the policy needs {policy.MinCases}.",
                    EvaluationId: step.EvaluationId));
            }
            foreach (var rule in policy.Rules)
            {
                var aggregate = step.Aggregates.FirstOrDefault(a => a.Metric == rule.Metric);
                if (aggregate?.Candidate is not { } candidate)
                {
                    findings.Add(new GateFinding(step.Step, rule.Metric, $"The evaluation of step '{step.Step}' has no value for {rule.Metric}.", EvaluationId: step.EvaluationId));
                    continue;
                }
                var worst = step.WorstCases.GetValueOrDefault(rule.Metric) ?? [];
                var higher = aggregate.Direction == MetricDirection.HigherIsBetter;
                if (rule.Floor is { } floor && (higher ? candidate < floor : candidate > floor))
                {
                    findings.Add(new GateFinding(step.Step, rule.Metric,
                        $"{rule.Metric} of step '{step.Step}' v{step.CandidateVersion} is {candidate:0.####}; the policy needs {(higher ? "at least" : "at most")} {floor:0.####}.",
                        candidate, aggregate.Baseline, floor, worst, step.EvaluationId));
                }
                if (rule.MaxRegression is not { } allowed) continue;
                if (aggregate.Baseline is not { } baseline)
                {
                    findings.Add(new GateFinding(step.Step, rule.Metric, $"Step '{step.Step}' has no baseline to measure a regression of {rule.Metric} against.",
                        candidate, null, allowed, worst, step.EvaluationId));
                    continue;
                }
                var regression = higher ? baseline - candidate : candidate - baseline;
                if (rule.Relative) regression = baseline == 0 ? (regression > 0 ? double.PositiveInfinity : 0) : regression / Math.Abs(baseline);
                if (regression > allowed + 1e-12)
                {
                    findings.Add(new GateFinding(step.Step, rule.Metric,
                        $"{rule.Metric} of step '{step.Step}' regressed from {baseline:0.####} (v{step.BaselineVersion}) to {candidate:0.####} (v{step.CandidateVersion}); "
                        + $"the policy allows {(rule.Relative ? $"{allowed:P1}" : $"{allowed:0.####}")}.",
                        candidate, baseline, allowed, worst, step.EvaluationId));
                }
            }
        }
        return findings;
    }

    /// <summary>Why a judge's agreement is short of the policy's bar; null when it is at or above it on enough items.</summary>
    public static string? Untrusted(GatePolicy policy, JudgeStanding judge)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(judge);
        var bar = $"the policy needs {judge.Measure} ≥ {policy.JudgeMinAgreement:0.##} on ≥ {policy.JudgeMinItems} human-judged items";
        if (judge.Items < policy.JudgeMinItems)
        {
            return $"judge '{judge.Judge}' v{judge.Version} has been compared with people on {judge.Items} items; {bar}.";
        }
        if (judge.Agreement is not { } agreement || agreement < policy.JudgeMinAgreement)
        {
            return $"judge '{judge.Judge}' v{judge.Version} agrees with people at {judge.Measure} {(judge.Agreement is { } a ? a.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "n/a")} "
                + $"on {judge.Items} items; {bar}.";
        }
        return null;
    }
}
