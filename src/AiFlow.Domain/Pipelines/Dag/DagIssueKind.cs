namespace AiFlow.Domain.Pipelines.Dag;

public enum DagIssueKind { Empty, MissingKey, DuplicateKey, UnknownDependency, SelfDependency, Cycle, UnknownStepVersion, NegativeRetries, InvalidTimeout }
