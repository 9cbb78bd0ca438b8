namespace AiFlow.Infrastructure.Inference.Simulator;

// Real tokenizers average roughly four characters per token for English; close enough for usage accounting.
internal static class TokenCounter
{
    public static int Count(string? text) => Math.Max(1, ((text?.Length ?? 0) + 3) / 4);
}
