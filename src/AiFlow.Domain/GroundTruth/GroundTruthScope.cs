namespace AiFlow.Domain.GroundTruth;

public enum GroundTruthScope { StepVersion, Pipeline }
