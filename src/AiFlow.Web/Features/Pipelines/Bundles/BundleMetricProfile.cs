using AiFlow.Domain.Metrics;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// A metric profile a step or node uses. Profiles are edited in place (ADR 0016), so they have no version number: the
/// key and the hash of the targets say whether the target console's profile is the same one.
/// </summary>
public sealed record BundleMetricProfile(string? Key, string? Name, List<MetricTarget>? Targets, string? Hash);
