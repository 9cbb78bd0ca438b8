using AiFlow.Domain.Evaluation;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>Something the New evaluation dialog can evaluate: a step (in isolation) or a pipeline (end to end).</summary>
public sealed record EvaluationTargetChoice(EvaluationTargetKind Kind, string Key)
{
    public string Label => $"{(Kind == EvaluationTargetKind.Step ? "step" : "pipeline")} {Key}";
}
