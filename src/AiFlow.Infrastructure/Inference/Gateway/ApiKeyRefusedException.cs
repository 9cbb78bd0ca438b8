namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>An endpoint names an environment variable outside <c>AIFLOW_ENDPOINT_KEY_*</c>: its value is never read or sent.</summary>
public sealed class ApiKeyRefusedException : Exception
{
    public ApiKeyRefusedException()
    {
    }

    public ApiKeyRefusedException(string message) : base(message)
    {
    }

    public ApiKeyRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
