namespace AiFlow.Infrastructure.Inference.Security;

/// <summary>An endpoint URL or the address it resolves to is not one AiFlow may call.</summary>
public sealed class SsrfRefusedException : Exception
{
    public SsrfRefusedException()
    {
    }

    public SsrfRefusedException(string message) : base(message)
    {
    }

    public SsrfRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
