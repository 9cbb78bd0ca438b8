namespace AiFlow.Web.Features.Runs;

/// <summary>The answer to a run launch or replay: the new run's id (also in the Location header).</summary>
public sealed record RunStarted(Guid RunId);
