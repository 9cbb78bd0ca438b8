using System.Text.Json.Serialization;

namespace AiFlow.Infrastructure.Schemas;

/// <summary>
/// The outcome of writing a schema: the new version, or the readable reasons it was refused (with the JSON pointer of the
/// body field they are about, <c>/name</c> or <c>/schema</c>), or a conflict with what another Admin saved meanwhile.
/// Anything but <see cref="IrSchemaWriteOutcome.Saved"/> saved nothing.
/// </summary>
public sealed record IrSchemaWriteResult(IrSchemaWriteOutcome Outcome, Guid? SchemaId, Guid? VersionId, int? Number, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Outcome == IrSchemaWriteOutcome.Saved;

    /// <summary>The field a refusal is about; not part of a saved answer, so not serialised.</summary>
    [JsonIgnore]
    public string? Pointer { get; init; }

    public static IrSchemaWriteResult Saved(Guid schemaId, Guid versionId, int number) => new(IrSchemaWriteOutcome.Saved, schemaId, versionId, number, []);

    public static IrSchemaWriteResult Refused(string pointer, IReadOnlyList<string> errors) =>
        new(IrSchemaWriteOutcome.Refused, null, null, null, errors) { Pointer = pointer };

    public static IrSchemaWriteResult Conflict(string message) => new(IrSchemaWriteOutcome.Conflict, null, null, null, [message]);

    public static IrSchemaWriteResult NotFound(string message) => new(IrSchemaWriteOutcome.NotFound, null, null, null, [message]);
}
