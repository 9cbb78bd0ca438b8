namespace AiFlow.Infrastructure.Inference.Simulator;

internal enum SimulatorFault
{
    None,
    ErrorStatus,
    RateLimit,
    Timeout,
    Malformed,
    SchemaViolation,
}
