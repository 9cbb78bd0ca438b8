namespace AiFlow.Tests.Domain.Schemas.Differential;

internal enum Verdict
{
    Valid,
    Invalid,

    /// <summary>The validator refused to compile the schema.</summary>
    SchemaRejected,

    /// <summary>The validator threw while evaluating the instance.</summary>
    Crashed,
}
