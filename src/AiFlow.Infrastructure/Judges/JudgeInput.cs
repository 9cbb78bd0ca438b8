namespace AiFlow.Infrastructure.Judges;

/// <summary>A new judge: its key and name, and its first version.</summary>
public sealed record JudgeInput(string? Key, string? Name, string? Description, JudgeVersionInput Version);
