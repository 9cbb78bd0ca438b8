namespace AiFlow.Domain.Schemas.Validation;

/// <summary>The schema itself is unusable; <see cref="Problems"/> lists every problem found.</summary>
public sealed class SchemaCompilationException : Exception
{
    public SchemaCompilationException(IReadOnlyList<string> problems)
        : base("The schema is invalid:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    public SchemaCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
