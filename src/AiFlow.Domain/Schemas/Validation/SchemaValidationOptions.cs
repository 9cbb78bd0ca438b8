namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Per-compile switches and the limits that keep hostile schemas and instances from hurting us.</summary>
public sealed record SchemaValidationOptions
{
    public static SchemaValidationOptions Default { get; } = new();

    /// <summary>When true, <c>format</c> is an assertion; by default it is only an annotation (as the spec says).</summary>
    public bool AssertFormats { get; init; }

    /// <summary>Maximum nesting depth of an instance that keywords descend into.</summary>
    public int MaxInstanceDepth { get; init; } = 256;

    /// <summary>Maximum nesting depth of a schema document.</summary>
    public int MaxSchemaDepth { get; init; } = 256;

    /// <summary>Maximum number of nested schema evaluations (guards $ref chains that do not descend the instance).</summary>
    public int MaxEvaluationDepth { get; init; } = 2048;

    /// <summary>Maximum number of subschema evaluations in one validation (guards exponential applicator nesting).</summary>
    public long MaxEvaluationSteps { get; init; } = 1_000_000;

    /// <summary>Run-time cap for one regular-expression match (only used when the linear-time engine cannot run a pattern).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Stop collecting after this many errors; the result is still invalid.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Largest UTF-8 instance accepted by <see cref="CompiledSchema.Validate(ReadOnlySpan{byte})"/>.</summary>
    public long MaxInstanceBytes { get; init; } = 16 * 1024 * 1024;
}
