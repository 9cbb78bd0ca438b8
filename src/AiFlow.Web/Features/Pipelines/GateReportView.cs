using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;

namespace AiFlow.Web.Features.Pipelines;

/// <summary>The gate's verdict on a version: each finding that refuses it and, per changed step, the evidence it used.</summary>
public sealed record GateReportView(bool Gated, bool Passed, bool EndToEnd, IReadOnlyList<GateFinding> Findings, IReadOnlyList<GateStepView> Steps)
{
    public static GateReportView Of(GateReport r) => new(r.Gated, r.Passed, r.EndToEnd, r.Findings,
        r.Steps.Select(s => new GateStepView(s.Step, s.CandidateVersion, s.BaselineVersion, s.NewestDataset, s.EvaluationId, s.Cases)).ToList());
}

/// <param name="Dataset">The step's newest dataset version number.</param>
public sealed record GateStepView(string Step, int CandidateVersion, int? BaselineVersion, int? Dataset, Guid? EvaluationId, int Cases);
