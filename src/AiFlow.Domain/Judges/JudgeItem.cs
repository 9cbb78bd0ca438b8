namespace AiFlow.Domain.Judges;

/// <summary>
/// One item both a judge version and a person judged: the judge's score (on 0..1, its range scaled) and category, and
/// the person's rating (on 0..1, the step's rating scale scaled) or category; null where the person gave none.
/// </summary>
public sealed record JudgeItem(Guid ItemId, Guid StepVersionId, double JudgeScore, string? JudgeCategory, double? HumanScore, string? HumanCategory);
