namespace AiFlow.Domain.Evaluation;

/// <summary>An example an evaluation left out, and why (its expected IR fails the candidate's schema).</summary>
public sealed record SkippedCase(Guid ExampleId, string Reason);
