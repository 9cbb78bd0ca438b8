using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;

namespace AiFlow.Infrastructure.Steps;

/// <summary>A step version in a list: its state and what it pins, by name.</summary>
public sealed record StepVersionSummary(int Number, VersionStatus Status, ValidationMode ValidationMode, string? Prompt, string? Route,
    string? Schema, string? MetricProfile, DateTimeOffset? PublishedAt);
