namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// One numbered version of a metric definition or profile: who saved it, when, what changed from the version before
/// (<c>created</c> for version 1), and the definition or profile as it was then.
/// </summary>
public sealed record CatalogVersionView<T>(int Version, string SavedBy, DateTimeOffset SavedAt, IReadOnlyList<string> Changes, T Value);
