namespace AiFlow.Infrastructure.Evaluation;

/// <summary>One case of a pinned dataset version: the example, its version, the step input and the expected IR.</summary>
internal sealed record EvaluationCase(Guid ExampleId, Guid VersionId, string InputJson, string ExpectedIrJson, IReadOnlyList<string> Tags);
