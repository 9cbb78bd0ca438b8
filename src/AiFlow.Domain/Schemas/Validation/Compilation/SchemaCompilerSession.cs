using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// One compilation: loads documents (built-in meta-schemas, then the caller's resolver), indexes every
/// subschema by URI/pointer/anchor, compiles nodes lazily and binds references once everything is known.
/// </summary>
internal sealed partial class SchemaCompilerSession
{
    private const string DefaultBaseUri = "https://aiflow.invalid/root-schema.json";

    private readonly SchemaValidationOptions _options;
    private readonly ISchemaResolver? _resolver;
    private readonly HashSet<string> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement?> _fetched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaLocation> _locations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaLocation> _byDocumentPointer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Vocabularies> _vocabularies = new(StringComparer.Ordinal);
    private readonly List<SchemaResource> _resources = [];
    private readonly Queue<(RefKeyword Keyword, bool Dynamic)> _pendingRefs = new();
    private readonly List<string> _problems = [];
    private bool _depthReported;

    public SchemaCompilerSession(SchemaValidationOptions options, ISchemaResolver? resolver)
    {
        _options = options;
        _resolver = resolver;
    }

    public SchemaNode CompileRoot(JsonElement schema)
    {
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new SchemaCompilationException([$"a schema must be an object or a boolean, was {Describe.Kind(schema)}"]);
        }

        _fetched[DefaultBaseUri] = schema;
        LoadDocument(DefaultBaseUri);
        var root = GetNode(_byDocumentPointer[DefaultBaseUri + "#"]);
        BindReferences();
        if (_problems.Count > 0)
        {
            throw new SchemaCompilationException(_problems);
        }

        return root;
    }

    private void Problem(string message)
    {
        if (_problems.Count < 100)
        {
            _problems.Add(message);
        }
    }

    private JsonElement? Fetch(string uri)
    {
        if (_fetched.TryGetValue(uri, out var cached))
        {
            return cached;
        }

        JsonElement? document = null;
        if (BuiltInMetaSchemas.TryGet(uri, out var builtIn))
        {
            document = builtIn;
        }
        else if (_resolver is not null && Uri.TryCreate(uri, UriKind.Absolute, out var absolute))
        {
            document = _resolver.Resolve(absolute)?.Clone();
        }

        _fetched[uri] = document;
        return document;
    }

    private bool LoadDocument(string uri)
    {
        if (_documents.Contains(uri))
        {
            return true;
        }

        if (Fetch(uri) is not JsonElement document)
        {
            return false;
        }

        _documents.Add(uri);
        var enclosing = new List<(string Uri, int Length)>();
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            // Also reachable by the URI it was retrieved under.
            enclosing.Add((uri, 0));
        }

        Scan(document, uri, string.Empty, null, enclosing, 0);
        return true;
    }

    private void Scan(JsonElement element, string documentKey, string pointer, SchemaResource? parent, List<(string Uri, int Length)> enclosing, int depth)
    {
        if (depth > _options.MaxSchemaDepth)
        {
            if (!_depthReported)
            {
                _depthReported = true;
                Problem($"the schema is nested deeper than {_options.MaxSchemaDepth} levels at `{pointer}`");
            }

            return;
        }

        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            Problem($"`{DisplayPointer(documentKey, pointer)}` must be a schema (an object or a boolean), was {Describe.Kind(element)}");
            return;
        }

        var resource = parent;
        bool isRoot = false;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            string uri;
            try
            {
                uri = UriText.Split(UriText.Resolve(parent?.Uri ?? documentKey, id.GetString()!)).Base;
            }
            catch (Exception ex) when (ex is UriFormatException or InvalidOperationException)
            {
                Problem($"`{DisplayPointer(documentKey, pointer)}/$id` is not a usable URI reference: {ex.Message}");
                uri = (parent?.Uri ?? documentKey) + "#invalid-id" + pointer;
            }

            resource = NewResource(uri, documentKey, pointer, element, parent);
            isRoot = true;
        }
        else if (parent is null)
        {
            resource = NewResource(documentKey, documentKey, pointer, element, null);
            isRoot = true;
        }

        if (isRoot)
        {
            enclosing.Add((resource!.Uri, pointer.Length));
        }

        var location = new SchemaLocation(element, resource!, documentKey, pointer, isRoot);
        _byDocumentPointer.TryAdd(documentKey + "#" + pointer, location);
        foreach (var (uri, length) in enclosing)
        {
            _locations.TryAdd(uri + "#" + pointer[length..], location);
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            ScanKeywords(element, documentKey, pointer, location, enclosing, depth);
        }

        if (isRoot)
        {
            enclosing.RemoveAt(enclosing.Count - 1);
        }
    }

    private void ScanKeywords(JsonElement element, string documentKey, string pointer, SchemaLocation location, List<(string Uri, int Length)> enclosing, int depth)
    {
        var resource = location.Resource;
        foreach (var property in element.EnumerateObject())
        {
            string name = property.Name;
            var value = property.Value;
            string childPointer = pointer + "/" + JsonPointerText.Escape(name);
            if (name is "$anchor" or "$dynamicAnchor" && value.ValueKind == JsonValueKind.String)
            {
                string key = resource.Uri + "#" + value.GetString();
                _locations.TryAdd(key, location);
                if (name == "$dynamicAnchor")
                {
                    resource.DynamicAnchorKeys.TryAdd(value.GetString()!, key);
                }
            }
            else if (SchemaKeywordNames.IsSingleSchema(name))
            {
                Scan(value, documentKey, childPointer, resource, enclosing, depth + 1);
            }
            else if (SchemaKeywordNames.IsSchemaMap(name) && value.ValueKind == JsonValueKind.Object)
            {
                foreach (var child in value.EnumerateObject())
                {
                    Scan(child.Value, documentKey, childPointer + "/" + JsonPointerText.Escape(child.Name), resource, enclosing, depth + 1);
                }
            }
            else if (SchemaKeywordNames.IsSchemaArray(name) && value.ValueKind == JsonValueKind.Array)
            {
                int index = 0;
                foreach (var child in value.EnumerateArray())
                {
                    Scan(child, documentKey, childPointer + "/" + index++, resource, enclosing, depth + 1);
                }
            }
        }
    }

    private SchemaResource NewResource(string uri, string documentKey, string pointer, JsonElement element, SchemaResource? parent)
    {
        var vocabularies = parent?.Vocabularies ?? Vocabularies.Default;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$schema", out var dialect) && dialect.ValueKind == JsonValueKind.String)
        {
            vocabularies = VocabulariesOf(UriText.Normalize(dialect.GetString()!));
        }

        var resource = new SchemaResource(uri, documentKey, pointer, vocabularies);
        _resources.Add(resource);
        return resource;
    }

    /// <summary>Reads the meta-schema's $vocabulary; unknown meta-schemas get the default 2020-12 set.</summary>
    private Vocabularies VocabulariesOf(string metaSchemaUri)
    {
        if (_vocabularies.TryGetValue(metaSchemaUri, out var known))
        {
            return known;
        }

        var result = Vocabularies.Default;
        if (Fetch(metaSchemaUri) is JsonElement meta && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("$vocabulary", out var declared) && declared.ValueKind == JsonValueKind.Object)
        {
            result = Vocabularies.Core;
            foreach (var vocabulary in declared.EnumerateObject())
            {
                var flag = SchemaKeywordNames.VocabularyOf(vocabulary.Name);
                if (flag == Vocabularies.None && vocabulary.Value.ValueKind == JsonValueKind.True)
                {
                    Problem($"the meta-schema {metaSchemaUri} requires the unsupported vocabulary {vocabulary.Name}");
                }

                result |= flag;
            }
        }

        _vocabularies[metaSchemaUri] = result;
        return result;
    }

    private SchemaLocation? FindLocation(string key)
    {
        if (_locations.TryGetValue(key, out var location))
        {
            return location;
        }

        var (baseUri, fragment) = UriText.Split(key);
        if (!_documents.Contains(baseUri) && LoadDocument(baseUri) && _locations.TryGetValue(key, out location))
        {
            return location;
        }

        // A pointer into a place scanning did not visit (e.g. inside an unknown keyword): scan it on demand.
        if (fragment.StartsWith('/') && _locations.TryGetValue(baseUri + "#", out var root)
            && JsonPointerText.TryNavigate(root.Element, fragment, out var element))
        {
            string pointer = root.DocumentPointer + fragment;
            Scan(element, root.DocumentKey, pointer, root.Resource, [(root.Resource.Uri, root.Resource.RootPointer.Length)], 0);
            return _byDocumentPointer.GetValueOrDefault(root.DocumentKey + "#" + pointer);
        }

        return null;
    }

    private string DisplayPointer(string documentKey, string pointer) =>
        documentKey == DefaultBaseUri ? "#" + pointer : documentKey + "#" + pointer;
}
