using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Accounting;

/// <summary>Cost of one call: token prices per 1M tokens, plus GPU-second price × latency for self-hosted endpoints.</summary>
public static class CostCalculator
{
    public static decimal Compute(InferenceEndpoint endpoint, int tokensIn, int tokensOut, int latencyMs)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var tokens = (tokensIn * endpoint.PricePer1MInputTokens + tokensOut * endpoint.PricePer1MOutputTokens) / 1_000_000m;
        var gpu = endpoint.PricePerGpuSecond * latencyMs / 1000m;
        return decimal.Round(tokens + gpu, 6, MidpointRounding.AwayFromZero);
    }
}
