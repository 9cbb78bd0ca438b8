namespace AiFlow.Domain.Schemas.Authoring;

/// <summary>One field of the form a schema describes, as the schema editor's preview shows it.</summary>
/// <param name="Name">Property name; "" for the root, "item" for an array's items, "[n]" for a prefix item.</param>
/// <param name="Path">Where the field sits in an instance: a JSON Pointer with <c>*</c> standing for any array index.</param>
/// <param name="Type">"string", "integer | null", "object", "any", ...</param>
/// <param name="Choices">The allowed values (enum or const) as JSON text, strings unquoted.</param>
/// <param name="Constraints">Readable bounds: "minimum 0", "pattern ^[A-Z]+$", "no other keys", ...</param>
/// <param name="Fields">An object's properties, in the schema's order.</param>
/// <param name="Items">The schema every array element follows.</param>
/// <param name="Variants">The alternatives of oneOf / anyOf.</param>
public sealed record SchemaFormField(
    string Name,
    string Path,
    string Type,
    bool Required,
    string? Title,
    string? Description,
    string? Format,
    IReadOnlyList<string> Choices,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<SchemaFormField> Fields,
    SchemaFormField? Items,
    IReadOnlyList<SchemaFormField> Variants);
