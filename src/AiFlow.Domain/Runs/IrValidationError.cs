namespace AiFlow.Domain.Runs;

public sealed record IrValidationError(string InstanceLocation, string KeywordLocation, string Message);
