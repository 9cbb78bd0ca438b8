namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>An endpoint answered with more bytes than <see cref="GatewayOptions.MaxResponseBytes"/> allows.</summary>
public sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message) : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static ResponseTooLargeException For(long? announced, int limit) => new(announced is { } bytes
        ? $"The endpoint answered with {bytes:N0} bytes; at most {limit:N0} are read (AiFlow:Inference:MaxResponseBytes)."
        : $"The endpoint's answer went past {limit:N0} bytes and was cut off (AiFlow:Inference:MaxResponseBytes).");
}
