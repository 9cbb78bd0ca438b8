namespace AiFlow.Infrastructure.Inference.Simulator;

// A number in the prompt with the words around it, so "total: 42" can land in a "total" property.
internal sealed record NumberMention(double Value, int Position, List<string> Context);
