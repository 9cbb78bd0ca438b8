using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>A subschema found while scanning a document; owns its compiled node once compiled.</summary>
internal sealed class SchemaLocation
{
    public SchemaLocation(JsonElement element, SchemaResource resource, string documentKey, string documentPointer, bool isResourceRoot)
    {
        Element = element;
        Resource = resource;
        DocumentKey = documentKey;
        DocumentPointer = documentPointer;
        IsResourceRoot = isResourceRoot;
    }

    public JsonElement Element { get; }

    public SchemaResource Resource { get; }

    public string DocumentKey { get; }

    public string DocumentPointer { get; }

    public bool IsResourceRoot { get; }

    public SchemaNode? Node { get; set; }

    /// <summary>Absolute URI of this subschema within its resource, e.g. "https://x/s.json#/properties/a".</summary>
    public string AbsoluteLocation =>
        Resource.Uri + "#" + (DocumentPointer.Length >= Resource.RootPointer.Length ? DocumentPointer[Resource.RootPointer.Length..] : DocumentPointer);
}
