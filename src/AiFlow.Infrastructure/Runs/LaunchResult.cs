using AiFlow.Domain.Runs;

namespace AiFlow.Infrastructure.Runs;

public sealed record LaunchResult(LaunchOutcome Outcome, Guid? RunId, string? Message, IReadOnlyList<IrValidationError> Errors)
{
    public static LaunchResult Fail(LaunchOutcome outcome, string message, IReadOnlyList<IrValidationError>? errors = null) => new(outcome, null, message, errors ?? []);
}
