namespace AiFlow.Infrastructure.Lifecycle;

/// <summary>Whether an item is archived now, since when and by whom; <see cref="Archived"/> is false after a restore.</summary>
public sealed record ArchiveState(bool Archived, DateTimeOffset? ArchivedAt, string? ArchivedBy);
