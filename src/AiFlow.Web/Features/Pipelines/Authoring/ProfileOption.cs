namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>A metric profile and the metric keys it measures (what conditions downstream may read).</summary>
public sealed record ProfileOption(Guid Id, string Key, string Name, IReadOnlyList<string> MetricKeys);
