namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>Every replica the call could use stayed at its concurrency limit for the whole of the call's timeout.</summary>
public sealed class PoolQueueTimeoutException : Exception
{
    public PoolQueueTimeoutException()
    {
    }

    public PoolQueueTimeoutException(string message) : base(message)
    {
    }

    public PoolQueueTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
