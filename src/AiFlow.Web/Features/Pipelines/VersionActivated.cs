namespace AiFlow.Web.Features.Pipelines;

/// <summary>The answer to an activation; <see cref="GateOverride"/> is set when an Admin overrode a refusing gate.</summary>
public sealed record VersionActivated(string Key, int Version, bool Active, GateOverrideView? GateOverride);

public sealed record GateOverrideView(string Reason, string? By, DateTimeOffset? At);
