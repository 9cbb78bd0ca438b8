namespace AiFlow.Domain.Evaluation;

/// <summary>
/// One metric that counts: the largest allowed regression against the baseline (absolute, or relative to the baseline
/// when <see cref="Relative"/>), and/or a floor the candidate must reach (a ceiling for a lower-is-better metric).
/// </summary>
public sealed record GateRule(string Metric, double? MaxRegression, bool Relative = false, double? Floor = null);
