using AiFlow.Domain.Common;

namespace AiFlow.Domain.Evaluation;

/// <summary>
/// A pipeline's scheduled evaluations (seed 003's weekly golden-set run): on the cron, every step version of the active
/// pipeline version is evaluated on its step's newest dataset version; a regression against the step's previous scheduled
/// evaluation raises the dashboards' banner, the regressions counter and, when set, a JSON webhook.
/// </summary>
public class EvaluationSchedule : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineDefinitionId { get; set; }
    /// <summary>A Quartz cron expression (seconds minutes hours day-of-month month day-of-week).</summary>
    public string Cron { get; set; } = "";
    public string? WebhookUrl { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
}
