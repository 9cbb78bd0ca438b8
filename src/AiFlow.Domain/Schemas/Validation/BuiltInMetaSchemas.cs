using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>The draft 2020-12 meta-schema and its vocabulary meta-schemas, embedded in the assembly.</summary>
public static class BuiltInMetaSchemas
{
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    private const string MetaPrefix = "https://json-schema.org/draft/2020-12/meta/";

    private static readonly string[] s_vocabularyFiles =
        ["core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "content"];

    private static readonly Lazy<Dictionary<string, JsonElement>> s_documents = new(Load);

    /// <summary>URIs of every built-in meta-schema document.</summary>
    public static IReadOnlyCollection<string> Uris => s_documents.Value.Keys;

    public static bool TryGet(Uri uri, out JsonElement document)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return TryGet(UriText.Normalize(uri.AbsoluteUri), out document);
    }

    internal static bool TryGet(string normalizedUri, out JsonElement document) =>
        s_documents.Value.TryGetValue(normalizedUri, out document);

    private static Dictionary<string, JsonElement> Load()
    {
        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            [Draft202012] = Read("schema"),
        };
        foreach (var name in s_vocabularyFiles)
        {
            documents[MetaPrefix + name] = Read(name);
        }

        return documents;
    }

    private static JsonElement Read(string name)
    {
        using var stream = typeof(BuiltInMetaSchemas).Assembly.GetManifestResourceStream($"AiFlow.MetaSchemas.{name}.json")
            ?? throw new InvalidOperationException($"The built-in meta-schema '{name}' is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
