namespace AiFlow.Infrastructure.Inference.Simulator;

// A number in the prompt with the words around it, so "total: 42" can land in a "total" property.
// Words before a number label it more often than words after it ("Total: 42" vs "42 items").
internal sealed record NumberMention(double Value, int Position, List<string> Before, List<string> After)
{
    public int Score(List<string> hints) => (2 * PromptCorpus.Overlap(hints, Before)) + PromptCorpus.Overlap(hints, After);
}
