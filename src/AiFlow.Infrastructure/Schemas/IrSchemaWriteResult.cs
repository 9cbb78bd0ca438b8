namespace AiFlow.Infrastructure.Schemas;

/// <summary>The outcome of writing a schema: the new version, or the readable reasons it was refused (nothing saved).</summary>
public sealed record IrSchemaWriteResult(Guid? SchemaId, Guid? VersionId, int? Number, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static IrSchemaWriteResult Refused(params string[] errors) => new(null, null, null, errors);
}
