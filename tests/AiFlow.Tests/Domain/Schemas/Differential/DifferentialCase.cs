namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// One generated schema with the instances to validate against it, kept as JSON text: the nodes they were built
/// from are mutable, and text is what both validators read and what a shrunk counterexample prints. Several
/// instances share a schema because compiling is most of the cost of a pair.
/// </summary>
internal sealed record DifferentialCase(string Schema, GeneratedInstance[] Instances)
{
    public override string ToString() => $"schema {Schema} instances {string.Join(", ", Instances.Select(i => i.ToString()))}";
}
