using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Keywords of the applicator vocabulary; siblings that work together are compiled into one keyword.</summary>
internal sealed partial class SchemaCompilerSession
{
    private static bool IsApplicator(string name) => name is
        "allOf" or "anyOf" or "oneOf" or "not" or "if" or "then" or "else" or "dependentSchemas" or "prefixItems"
        or "items" or "contains" or "properties" or "patternProperties" or "additionalProperties" or "propertyNames";

    private Keyword? Applicator(SchemaLocation location, KeywordSite site, JsonElement value)
    {
        var schema = location.Element;
        switch (site.Name)
        {
            case "allOf" or "anyOf" or "oneOf":
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
                {
                    Problem($"`{site.AbsoluteLocation}` must be a non-empty array of schemas, was {Describe.Value(value)}");
                    return null;
                }

                var nodes = Children(location, "/" + site.Name, value.GetArrayLength());
                return site.Name == "allOf" ? new AllOfKeyword(site, nodes) : new AnyOfKeyword(site, nodes, site.Name == "oneOf");
            case "not":
                return new NotKeyword(site, Child(location, "/not"));
            case "if":
                return new IfThenElseKeyword(
                    site,
                    Child(location, "/if"),
                    schema.TryGetProperty("then", out _) ? Child(location, "/then") : null,
                    schema.TryGetProperty("else", out _) ? Child(location, "/else") : null);
            case "dependentSchemas":
                return DependentSchemas(location, site, value);
            case "prefixItems":
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
                {
                    Problem($"`{site.AbsoluteLocation}` must be a non-empty array of schemas, was {Describe.Value(value)}");
                    return null;
                }

                return new PrefixItemsKeyword(site, Children(location, "/prefixItems", value.GetArrayLength()));
            case "items":
                int skip = schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array ? prefix.GetArrayLength() : 0;
                return new ItemsKeyword(site, Child(location, "/items"), skip, unevaluated: false);
            case "contains":
                return Contains(location, site);
            case "properties":
                if (!RequireObject(site, value))
                {
                    return null;
                }

                var names = value.EnumerateObject().Select(p => p.Name).ToArray();
                return new PropertiesKeyword(site, new PropertyNameLookup(names), [.. names.Select(n => Child(location, "/properties/" + JsonPointerText.Escape(n)))]);
            case "patternProperties":
                if (!RequireObject(site, value))
                {
                    return null;
                }

                var patterns = value.EnumerateObject().Select(p => p.Name).ToArray();
                var regexes = patterns.Select(p => Regex(site, p)).ToArray();
                return regexes.Any(r => r is null)
                    ? null
                    : new PatternPropertiesKeyword(site, regexes!, [.. patterns.Select(p => Child(location, "/patternProperties/" + JsonPointerText.Escape(p)))]);
            case "additionalProperties":
                return AdditionalProperties(location, site);
            case "propertyNames":
                return new PropertyNamesKeyword(site, Child(location, "/propertyNames"));
            default:
                // then/else are compiled with their if.
                return null;
        }
    }

    private SchemaNode[] Children(SchemaLocation location, string keywordPointer, int count)
    {
        var nodes = new SchemaNode[count];
        for (int i = 0; i < count; i++)
        {
            nodes[i] = Child(location, keywordPointer + "/" + i);
        }

        return nodes;
    }

    private bool RequireObject(KeywordSite site, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Problem($"`{site.AbsoluteLocation}` must be an object, was {Describe.Kind(value)}");
        return false;
    }

    private KeywordGroup? DependentSchemas(SchemaLocation location, KeywordSite site, JsonElement value)
    {
        if (!RequireObject(site, value))
        {
            return null;
        }

        var parts = new List<Keyword>();
        foreach (var entry in value.EnumerateObject())
        {
            string escaped = "/" + JsonPointerText.Escape(entry.Name);
            var entrySite = new KeywordSite(site.Name, site.DocumentPointer + escaped, site.AbsoluteLocation + escaped);
            parts.Add(new DependentSchemaKeyword(entrySite, entry.Name, Child(location, "/dependentSchemas" + escaped)));
        }

        return new KeywordGroup(site, [.. parts]);
    }

    private ContainsKeyword Contains(SchemaLocation location, KeywordSite site)
    {
        var schema = location.Element;
        bool validation = (location.Resource.Vocabularies & Vocabularies.Validation) != 0;
        long min = 1;
        long? max = null;
        if (validation && schema.TryGetProperty("minContains", out var minValue) && minValue.ValueKind == JsonValueKind.Number && JsonNumber.IsInteger(minValue))
        {
            min = (long)Math.Max(0, Math.Min(minValue.GetDouble(), long.MaxValue));
        }

        if (validation && schema.TryGetProperty("maxContains", out var maxValue) && maxValue.ValueKind == JsonValueKind.Number && JsonNumber.IsInteger(maxValue))
        {
            max = (long)Math.Max(0, Math.Min(maxValue.GetDouble(), long.MaxValue));
        }

        return new ContainsKeyword(site, Child(location, "/contains"), min, max);
    }

    private AdditionalPropertiesKeyword AdditionalProperties(SchemaLocation location, KeywordSite site)
    {
        var schema = location.Element;
        PropertyNameLookup? declared = null;
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            declared = new PropertyNameLookup([.. properties.EnumerateObject().Select(p => p.Name)]);
        }

        var patterns = new List<EcmaRegex>();
        if (schema.TryGetProperty("patternProperties", out var patternProperties) && patternProperties.ValueKind == JsonValueKind.Object)
        {
            foreach (var pattern in patternProperties.EnumerateObject())
            {
                // Invalid patterns are reported once, by patternProperties itself.
                if (EcmaRegex.TryCreate(pattern.Name, _options.RegexTimeout, out _) is { } regex)
                {
                    patterns.Add(regex);
                }
            }
        }

        return new AdditionalPropertiesKeyword(site, Child(location, "/additionalProperties"), declared, [.. patterns], unevaluated: false);
    }
}
