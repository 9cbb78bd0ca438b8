namespace AiFlow.Domain.Common.Diffing;

public enum LineChangeKind { Same, Removed, Added }
