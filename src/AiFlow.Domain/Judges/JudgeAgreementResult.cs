namespace AiFlow.Domain.Judges;

/// <summary>A judge version's agreement with people: the measure, its value (null when it cannot be computed), the items it rests on, and those they disagree on.</summary>
public sealed record JudgeAgreementResult(string Measure, double? Value, int Items, IReadOnlyList<Guid> Disagreeing);
