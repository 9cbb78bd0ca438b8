using CsCheck;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>A generated schema with <see cref="InstancesPerSchema"/> instances for it.</summary>
internal static class DifferentialCases
{
    public const int InstancesPerSchema = 4;

    public static Gen<DifferentialCase> All { get; } = Gen.Select(SchemaGrammar.Document, Gen.Bool).SelectMany((schema, escaped) =>
        new SchemaInstances(schema).Array[InstancesPerSchema].Select(instances => new DifferentialCase(RandomJson.Text(schema, escaped), instances)));
}
