namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>How a generated instance came about; the property test reports its valid/invalid split per origin.</summary>
internal enum InstanceOrigin
{
    /// <summary>Drawn with no regard for the schema.</summary>
    Random,

    /// <summary>Built from the schema to satisfy it (best effort).</summary>
    Synthesized,

    /// <summary>Built from the schema, then changed in one or two places: mostly just across a boundary.</summary>
    Mutated,

    /// <summary>Taken from the official test suite (the suite scoreboard), not generated.</summary>
    Suite,
}
