using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Supplies schema documents for absolute URIs; the validator never touches the network itself.</summary>
public interface ISchemaResolver
{
    /// <summary>Returns the document at <paramref name="uri"/> (no fragment), or null when unknown.</summary>
    JsonElement? Resolve(Uri uri);
}
