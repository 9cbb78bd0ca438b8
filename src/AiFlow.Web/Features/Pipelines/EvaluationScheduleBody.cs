namespace AiFlow.Web.Features.Pipelines;

/// <summary>
/// <c>PUT /api/pipelines/{key}/evaluation-schedule</c>: a cron (empty or null removes the schedule) and a webhook;
/// <c>updatedBy</c> and <c>updatedAt</c> are read-only, accepted and ignored.
/// </summary>
public sealed record EvaluationScheduleBody(string? Cron, string? WebhookUrl, string? UpdatedBy, DateTimeOffset? UpdatedAt);
