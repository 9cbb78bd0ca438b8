namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>One L2-normalised vector per text, in input order, and the tokens the model read.</summary>
public sealed record BuiltInEmbeddings(IReadOnlyList<float[]> Vectors, int Tokens);
