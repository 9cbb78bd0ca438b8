using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Runs.Timeline;

/// <summary>One colour per step status, shared by the timeline bars and the DAG nodes.</summary>
public static class StatusColors
{
    public static string For(StepRunStatus status) => status switch
    {
        StepRunStatus.Completed => "#2e7d32",
        StepRunStatus.Failed => "#c62828",
        StepRunStatus.Running => "#1565c0",
        StepRunStatus.WaitingForReview => "#ef6c00",
        StepRunStatus.Pending => "#90a4ae",
        StepRunStatus.Cancelled => "#616161",
        _ => "#bdbdbd",
    };
}
