using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiFlow.Domain.Common;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// The content hash of a bundle item: lower-case hex SHA-256 of its canonical JSON (<see cref="CanonicalJson"/>: keys
/// sorted, no whitespace, nulls left out) without the hash itself and without labels a console may rename freely. Two
/// consoles holding the same key, version and hash hold the same thing.
/// </summary>
public static class BundleHash
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Of(BundlePipeline pipeline) => Of(pipeline, "name", "description");

    /// <summary>The nodes only: notes and the drawing do not change what the version does.</summary>
    public static string Of(BundlePipelineVersion version) => Of(new { version.Number, version.Nodes });

    public static string Of(BundleStep step) => Of(step, "name");

    public static string Of(BundlePrompt prompt) => Of(prompt, "name");

    public static string Of(BundleIrSchema schema) => Of((object)schema);

    public static string Of(BundleMetricProfile profile) => Of(profile, "name");

    private static string Of(object content, params string[] leftOut)
    {
        var node = JsonSerializer.SerializeToNode(content, content.GetType(), Options)!.AsObject();
        node.Remove("hash");
        foreach (var name in leftOut) node.Remove(name);
        return CanonicalJson.Sha256(node.ToJsonString());
    }
}
