namespace AiFlow.Infrastructure.Lifecycle;

/// <summary>The things an Admin may archive and restore.</summary>
public enum ArchiveKind { Pipeline, Step, Prompt, IrSchema }
