using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary>The answer of <c>POST /api/ir-schemas/validate</c>: whether the instance conforms, and each error with its pointer.</summary>
public sealed record InstanceCheck(bool Valid, IReadOnlyList<IrValidationError> Errors);
