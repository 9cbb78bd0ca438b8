namespace AiFlow.Domain.GroundTruth;

/// <summary>
/// Whose examples these are: a step definition's (every version of the step is evaluated on the same cases) or a
/// pipeline definition's (a pipeline input and the expected IR of chosen nodes). <see cref="StepVersion"/> is how examples
/// were keyed before; the start-up migration moves them to their step.
/// </summary>
public enum GroundTruthScope { StepVersion, Pipeline, Step }
