namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>The environment variable an endpoint names for its API key is not set.</summary>
public sealed class MissingApiKeyException : Exception
{
    public MissingApiKeyException()
    {
    }

    public MissingApiKeyException(string message) : base(message)
    {
    }

    public MissingApiKeyException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static MissingApiKeyException For(string endpointName, string variable) =>
        new($"Endpoint '{endpointName}' reads its API key from the environment variable {variable}, which is not set.");
}
