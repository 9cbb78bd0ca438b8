using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Node creation and reference binding.</summary>
internal sealed partial class SchemaCompilerSession
{
    private SchemaNode GetNode(SchemaLocation location)
    {
        if (location.Node is not null)
        {
            return location.Node;
        }

        var site = new KeywordSite(string.Empty, location.DocumentPointer, location.AbsoluteLocation);
        bool? booleanValue = location.Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        var node = new SchemaNode(site, location.Resource, location.IsResourceRoot, booleanValue);
        location.Node = node;
        if (booleanValue is null)
        {
            node.Initialize(CompileKeywords(location));
        }

        return node;
    }

    /// <summary>The subschema at <paramref name="relativePointer"/> below <paramref name="parent"/>.</summary>
    private SchemaNode Child(SchemaLocation parent, string relativePointer)
    {
        if (_byDocumentPointer.TryGetValue(parent.DocumentKey + "#" + parent.DocumentPointer + relativePointer, out var location))
        {
            return GetNode(location);
        }

        // Scanning already reported why (not a schema, or too deep); keep compiling to list every problem.
        return new SchemaNode(new KeywordSite(string.Empty, parent.DocumentPointer + relativePointer, parent.AbsoluteLocation + relativePointer), parent.Resource, false, true);
    }

    /// <summary>Resolves every pending $ref/$dynamicRef and compiles all $dynamicAnchor targets until nothing new appears.</summary>
    private void BindReferences()
    {
        bool progress = true;
        while (progress)
        {
            progress = false;
            while (_pendingRefs.Count > 0)
            {
                progress = true;
                var (keyword, dynamic) = _pendingRefs.Dequeue();
                var location = FindLocation(keyword.TargetKey);
                if (location is null)
                {
                    Problem($"`{keyword.Site.AbsoluteLocation}`: cannot resolve the reference {keyword.TargetKey}");
                    continue;
                }

                keyword.Bind(GetNode(location), dynamic ? BookendAnchor(keyword.TargetKey, location) : null);
            }

            for (int i = 0; i < _resources.Count; i++)
            {
                var resource = _resources[i];
                foreach (var (name, key) in resource.DynamicAnchorKeys)
                {
                    if (!resource.DynamicAnchors.ContainsKey(name) && _locations.TryGetValue(key, out var anchored))
                    {
                        resource.DynamicAnchors[name] = GetNode(anchored);
                        progress = true;
                    }
                }
            }
        }
    }

    /// <summary>A $dynamicRef is dynamic only when its static target declares the same $dynamicAnchor.</summary>
    private static string? BookendAnchor(string key, SchemaLocation target)
    {
        string fragment = UriText.Split(key).Fragment;
        if (fragment.Length == 0 || fragment.StartsWith('/') || target.Element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return target.Element.TryGetProperty("$dynamicAnchor", out var anchor) && anchor.ValueKind == JsonValueKind.String
            && anchor.GetString() == fragment
                ? fragment
                : null;
    }
}
