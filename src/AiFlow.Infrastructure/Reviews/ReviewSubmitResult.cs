using AiFlow.Domain.Runs;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// What became of a decision: refused with a message and pointer-located errors (and whether the refusal is about the
/// request, a missing thing, or the state of the item), or saved (possibly completing the item).
/// </summary>
public sealed record ReviewSubmitResult(bool Succeeded, string? Message, IReadOnlyList<IrValidationError> Errors, Guid? FeedbackId = null, bool ItemCompleted = false,
    ReviewRefusal Refusal = ReviewRefusal.Invalid, string? Pointer = null)
{
    /// <param name="pointer">The field of the submission at fault, as a JSON pointer into the feedback body (<c>/labels</c>), when one is.</param>
    public static ReviewSubmitResult Refused(string message, IReadOnlyList<IrValidationError>? errors = null, string? pointer = null) =>
        new(false, message, errors ?? [], Pointer: pointer);

    public static ReviewSubmitResult NotFound(string message) => new(false, message, [], Refusal: ReviewRefusal.NotFound);

    public static ReviewSubmitResult Conflict(string message) => new(false, message, [], Refusal: ReviewRefusal.Conflict);
}
