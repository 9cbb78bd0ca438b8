using AiFlow.Domain.Runs;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>What became of a decision: refused with a message and pointer-located errors, or saved (possibly completing the item).</summary>
public sealed record ReviewSubmitResult(bool Succeeded, string? Message, IReadOnlyList<IrValidationError> Errors, Guid? FeedbackId = null, bool ItemCompleted = false)
{
    public static ReviewSubmitResult Refused(string message, IReadOnlyList<IrValidationError>? errors = null) => new(false, message, errors ?? []);
}
