namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>A pipeline's run schedule as stored, with the next five fire times (local to <see cref="TimeZone"/>) while it is enabled.</summary>
public sealed record PipelineScheduleView(string? Cron, string TimeZone, bool Enabled, string InputJson, bool PipelineArchived, IReadOnlyList<DateTimeOffset> NextFireTimes);
