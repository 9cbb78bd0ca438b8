namespace AiFlow.Domain.Schemas.Validation;

/// <summary>A safety limit (depth, recursion, regex time, size) was hit; validation converts it into an error.</summary>
public sealed class SchemaLimitExceededException : Exception
{
    public SchemaLimitExceededException(string message)
        : base(message)
    {
    }
}
