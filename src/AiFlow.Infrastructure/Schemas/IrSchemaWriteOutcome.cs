namespace AiFlow.Infrastructure.Schemas;

public enum IrSchemaWriteOutcome { Saved, Refused, Conflict, NotFound }
