namespace AiFlow.Infrastructure.Prompts;

/// <summary>A prompt template as the list shows it; <paramref name="Archived"/> ones are listed only under the Archived toggle.</summary>
public sealed record PromptTemplateSummary(Guid Id, string Key, string Name, int Versions, int? LatestNumber, DateTimeOffset? LatestAt, bool Archived = false);
