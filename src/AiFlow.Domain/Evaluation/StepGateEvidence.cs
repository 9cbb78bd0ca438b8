namespace AiFlow.Domain.Evaluation;

/// <summary>
/// What the gate knows of one changed step: the candidate and baseline versions, the step's newest dataset version, and
/// the newest completed evaluation of the candidate on it (null when there is none), with its worst cases per metric.
/// </summary>
public sealed record StepGateEvidence(string Step, int CandidateVersion, int? BaselineVersion, int? NewestDataset, Guid? EvaluationId,
    int Cases, IReadOnlyList<EvaluationAggregate> Aggregates, IReadOnlyDictionary<string, IReadOnlyList<Guid>> WorstCases);
