namespace AiFlow.Domain.Schemas;

public enum ValidationMode { Off, Log, Enforce }
