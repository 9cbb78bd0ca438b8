namespace AiFlow.Domain.Steps;

public enum VersionStatus { Draft, Published, Archived }
