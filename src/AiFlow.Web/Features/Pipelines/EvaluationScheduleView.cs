namespace AiFlow.Web.Features.Pipelines;

public sealed record EvaluationScheduleView(string Cron, string? WebhookUrl, string? UpdatedBy, DateTimeOffset UpdatedAt);
