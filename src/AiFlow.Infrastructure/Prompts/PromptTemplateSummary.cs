namespace AiFlow.Infrastructure.Prompts;

public sealed record PromptTemplateSummary(Guid Id, string Key, string Name, int Versions, int? LatestNumber, DateTimeOffset? LatestAt);
