using System.Text.Json;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Tests.Domain.Schemas;

/// <summary>Serves <c>http://localhost:1234/…</c> from the suite's <c>remotes/</c> folder; never the network.</summary>
internal sealed class SuiteRemoteResolver : ISchemaResolver
{
    private const string Prefix = "http://localhost:1234/";
    private readonly string _remotes;

    public SuiteRemoteResolver(string remotes)
    {
        _remotes = remotes;
    }

    public JsonElement? Resolve(Uri uri)
    {
        var text = uri.AbsoluteUri;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(_remotes, Uri.UnescapeDataString(text[Prefix.Length..])));
        if (!path.StartsWith(Path.GetFullPath(_remotes), StringComparison.Ordinal) || !File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }
}
