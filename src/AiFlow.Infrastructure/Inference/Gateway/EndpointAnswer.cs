namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>What one endpoint returned; <see cref="InvalidStatus"/> is set when the output is unusable.</summary>
internal sealed record EndpointAnswer<T>(T Value, string Model, int TokensIn, int TokensOut, string? InvalidStatus = null, string? InvalidError = null);
