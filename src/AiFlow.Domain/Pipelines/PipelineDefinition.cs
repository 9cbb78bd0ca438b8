using AiFlow.Domain.Common;

namespace AiFlow.Domain.Pipelines;

public class PipelineDefinition : IAudited, IArchivable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Optional JSON Schema the run input must satisfy.</summary>
    public string? InputSchemaJson { get; set; }
    /// <summary>Quartz cron of the pipeline's schedule; null when it has none.</summary>
    public string? CronSchedule { get; set; }
    /// <summary>IANA or Windows zone id the cron is read in; null means UTC.</summary>
    public string? ScheduleTimeZone { get; set; }
    /// <summary>A paused (disabled) schedule is kept but has no trigger; false by default so existing schedules stay on.</summary>
    public bool SchedulePaused { get; set; }
    /// <summary>The run input each scheduled run gets (jsonb); null means <c>{}</c>.</summary>
    public string? ScheduleInputJson { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchivedBy { get; set; }
    public uint Version { get; set; }
    public List<PipelineVersion> Versions { get; set; } = [];
}
