using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Accounting;
using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Tests.Infrastructure.Inference.Accounting;

public sealed class CostAndParameterTests
{
    [Fact]
    public void Cost_is_tokens_times_price_per_million_plus_gpu_seconds_times_latency()
    {
        var endpoint = new InferenceEndpoint { PricePer1MInputTokens = 2.5m, PricePer1MOutputTokens = 10m, PricePerGpuSecond = 0.0004m };
        // 1200 × 2.5 / 1M = 0.003; 300 × 10 / 1M = 0.003; 0.0004 × 1.5 s = 0.0006
        Assert.Equal(0.0066m, CostCalculator.Compute(endpoint, 1200, 300, 1500));
        Assert.Equal(0m, CostCalculator.Compute(new InferenceEndpoint(), 1000, 1000, 1000));
    }

    [Theory]
    [InlineData("o1", true)]
    [InlineData("o3-mini", true)]
    [InlineData("o4-mini", true)]
    [InlineData("gpt-5", true)]
    [InlineData("gpt-5-mini", true)]
    [InlineData("openai/gpt-5-nano", true)]
    [InlineData("gpt-4o-mini", false)]
    [InlineData("sim-chat", false)]
    [InlineData("ollama", false)]
    public void Reasoning_models_are_recognised_by_name(string model, bool reasoning) => Assert.Equal(reasoning, ReasoningModels.Is(model));

    [Fact]
    public void Reasoning_models_get_max_completion_tokens_and_no_temperature()
    {
        var body = JsonNode.Parse("""{"model":"o3-mini","max_tokens":50,"temperature":0.3}""")!.AsObject();
        Assert.True(ChatParameterMapper.Map(body, "o3-mini"));
        Assert.Equal(50, body["max_completion_tokens"]!.GetValue<int>());
        Assert.False(body.ContainsKey("max_tokens"));
        Assert.False(body.ContainsKey("temperature"));
    }

    [Fact]
    public void Other_models_get_max_tokens_and_keep_temperature()
    {
        var body = JsonNode.Parse("""{"model":"gpt-4o-mini","max_completion_tokens":50,"temperature":0.3}""")!.AsObject();
        Assert.True(ChatParameterMapper.Map(body, "gpt-4o-mini"));
        Assert.Equal(50, body["max_tokens"]!.GetValue<int>());
        Assert.False(body.ContainsKey("max_completion_tokens"));
        Assert.Equal(0.3, body["temperature"]!.GetValue<double>());
    }
}
