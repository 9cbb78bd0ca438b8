using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;

namespace AiFlow.Infrastructure.Schemas;

public sealed record IrValidationOutcome(ValidationMode Mode, bool IsValid, IReadOnlyList<IrValidationError> Errors)
{
    /// <summary>Invalid IR under <c>enforce</c> must not be accepted.</summary>
    public bool Rejects => Mode == ValidationMode.Enforce && !IsValid;
}
