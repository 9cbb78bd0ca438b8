namespace AiFlow.Domain.Schemas.Validation;

/// <summary>A schema resource (a document root or a subschema with $id): the unit of $dynamicRef scoping.</summary>
internal sealed class SchemaResource
{
    public SchemaResource(string uri, string documentKey, string rootPointer, Vocabularies vocabularies)
    {
        Uri = uri;
        DocumentKey = documentKey;
        RootPointer = rootPointer;
        Vocabularies = vocabularies;
    }

    public string Uri { get; }

    public string DocumentKey { get; }

    /// <summary>Pointer of the resource root inside its document.</summary>
    public string RootPointer { get; }

    public Vocabularies Vocabularies { get; }

    /// <summary>$dynamicAnchor name → location key, filled while scanning.</summary>
    public Dictionary<string, string> DynamicAnchorKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>$dynamicAnchor name → compiled node, filled when compilation finishes.</summary>
    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(StringComparer.Ordinal);
}
