namespace AiFlow.Infrastructure.Schemas;

/// <summary>
/// The outcome of writing a schema: the new version, or the readable reasons it was refused, or a conflict with what
/// another Admin saved meanwhile. Anything but <see cref="IrSchemaWriteOutcome.Saved"/> saved nothing.
/// </summary>
public sealed record IrSchemaWriteResult(IrSchemaWriteOutcome Outcome, Guid? SchemaId, Guid? VersionId, int? Number, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Outcome == IrSchemaWriteOutcome.Saved;

    public static IrSchemaWriteResult Saved(Guid schemaId, Guid versionId, int number) => new(IrSchemaWriteOutcome.Saved, schemaId, versionId, number, []);

    public static IrSchemaWriteResult Refused(params string[] errors) => new(IrSchemaWriteOutcome.Refused, null, null, null, errors);

    public static IrSchemaWriteResult Conflict(string message) => new(IrSchemaWriteOutcome.Conflict, null, null, null, [message]);

    public static IrSchemaWriteResult NotFound(string message) => new(IrSchemaWriteOutcome.NotFound, null, null, null, [message]);
}
