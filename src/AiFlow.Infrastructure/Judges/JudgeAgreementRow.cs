namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// A judge version's agreement with people on one step version's outputs (<see cref="StepKey"/> null: over all of them),
/// with the items they disagree on; <see cref="FromGroundTruth"/> of the <see cref="Items"/> were labelled by ground truth, the rest by review decisions.
/// </summary>
public sealed record JudgeAgreementRow(int JudgeVersion, string? StepKey, int? StepVersion, string Measure, double? Value, int Items,
    IReadOnlyList<JudgeDisagreement> Disagreeing, int FromGroundTruth = 0);
