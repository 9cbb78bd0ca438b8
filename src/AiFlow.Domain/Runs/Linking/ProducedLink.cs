namespace AiFlow.Domain.Runs.Linking;

/// <summary>One record a step's IR names, to be written as a <see cref="StepOutputLink"/>.</summary>
public sealed record ProducedLink(string TargetType, string TargetId, string Relation);
