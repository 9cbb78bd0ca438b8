namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>
/// What an Admin sets for a pipeline's run schedule: a Quartz cron (empty removes the schedule), the zone it is read in
/// (empty means UTC), whether it fires, and the input every scheduled run gets (a JSON object; empty means <c>{}</c>).
/// </summary>
public sealed record PipelineScheduleSettings(string? Cron, string? TimeZone, bool Enabled, string? InputJson);
