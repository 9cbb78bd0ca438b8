using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A computed metric; <see cref="Value"/> is null when it did not apply, with <see cref="NotApplicable"/> saying why.</summary>
public sealed record MetricValue(string Key, double? Value, double? Target, bool? Passed, string? NotApplicable = null, JsonObject? Details = null);
