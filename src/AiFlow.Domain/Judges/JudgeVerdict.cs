namespace AiFlow.Domain.Judges;

/// <summary>What a judge answered, once checked: a score in its range, its reasoning, and for a category judge the label.</summary>
public sealed record JudgeVerdict(double Score, string Reasoning, string? Category);
