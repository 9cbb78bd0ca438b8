using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Where the gateway books each attempt and each endpoint's health.</summary>
public interface IInferenceAccounting
{
    Task WriteAsync(AiRequestLog row, CancellationToken cancellationToken);

    Task RecordHealthAsync(Guid endpointId, bool succeeded, string? error, CancellationToken cancellationToken);
}
