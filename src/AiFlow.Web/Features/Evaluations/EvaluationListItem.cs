using AiFlow.Domain.Evaluation;

namespace AiFlow.Web.Features.Evaluations;

public sealed record EvaluationListItem(Guid Id, string Target, string? Baseline, int Dataset, EvaluationStatus Status, bool? GatePassed, int CasesDone, int CasesTotal,
    int CasesErrored, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? RequestedBy)
{
    public static EvaluationListItem Of(EvaluationRow r) => new(r.Id, r.Target, r.Baseline, r.Dataset, r.Status, r.GatePassed, r.CasesDone, r.CasesTotal, r.CasesErrored,
        r.CreatedAt, r.FinishedAt, r.RequestedBy);
}
