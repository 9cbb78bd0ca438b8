namespace AiFlow.Web.Features.Runs;

/// <summary><c>POST /api/runs/{id}/replay</c>, optional: the version to replay on (the active one when left out).</summary>
public sealed record RunReplayBody(int? Version);
