namespace AiFlow.Infrastructure.Inference.Simulator;

internal enum SimulatorFault
{
    None,
    ErrorStatus,
    RateLimit,
    Timeout,
    Malformed,
    SchemaViolation,
    /// <summary>A well-formed answer of about 10 MB, as a runaway model might produce.</summary>
    Oversized,
}
