namespace AiFlow.Web.Features.Runs;

/// <summary><c>PUT /api/pipelines/{key}/schedule</c>: a cron expression; empty or null removes the schedule.</summary>
public sealed record PipelineScheduleBody(string? Cron);
