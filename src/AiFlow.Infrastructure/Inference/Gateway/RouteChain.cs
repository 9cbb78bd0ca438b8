using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>A route and its enabled endpoints in chain order (Route is null when none matched).</summary>
public sealed record RouteChain(ModelRoute? Route, IReadOnlyList<InferenceEndpoint> Endpoints);
