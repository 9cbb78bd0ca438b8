namespace AiFlow.Domain.Judges;

/// <summary>What the gate knows of the judge behind a metric: its current version and that version's agreement with people.</summary>
public sealed record JudgeStanding(string Judge, int Version, string Measure, double? Agreement, int Items);
