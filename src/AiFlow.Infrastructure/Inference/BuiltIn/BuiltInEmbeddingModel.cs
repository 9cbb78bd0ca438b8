namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>What the built-in endpoint serves, and how the catalogue names it.</summary>
public static class BuiltInEmbeddingModel
{
    public const string Name = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;
    public const string EndpointName = "Local MiniLM (CPU)";

    /// <summary>Where the console serves it, beside the simulator's <c>/sim/v1</c>.</summary>
    public const string Path = "/builtin/v1";
}
