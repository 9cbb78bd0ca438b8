namespace AiFlow.Domain.Runs.Scheduling;

public sealed record NodeVerdict(string Node, string Reason);
