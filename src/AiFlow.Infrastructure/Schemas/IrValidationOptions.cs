namespace AiFlow.Infrastructure.Schemas;

/// <summary>Bound from <c>AiFlow:IrValidation</c>.</summary>
public sealed class IrValidationOptions
{
    public const string Section = "AiFlow:IrValidation";

    /// <summary>When set (<c>off</c>, <c>log</c>, <c>enforce</c>), overrides every step version's own mode.</summary>
    public string? Mode { get; set; }
}
