using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Turns one schema object into keyword objects, checking each keyword's value as it goes.</summary>
internal sealed partial class SchemaCompilerSession
{
    private Keyword[] CompileKeywords(SchemaLocation location)
    {
        var schema = location.Element;
        var vocabularies = location.Resource.Vocabularies;
        bool applicator = (vocabularies & Vocabularies.Applicator) != 0;
        bool validation = (vocabularies & Vocabularies.Validation) != 0;
        bool unevaluated = (vocabularies & Vocabularies.Unevaluated) != 0;
        var keywords = new List<Keyword>();
        foreach (var property in schema.EnumerateObject())
        {
            var site = Site(location, property.Name);
            var value = property.Value;
            Keyword? keyword = property.Name switch
            {
                "$ref" or "$dynamicRef" => Reference(location, site, value, property.Name == "$dynamicRef"),
                _ when applicator && IsApplicator(property.Name) => Applicator(location, site, value),
                "unevaluatedItems" when unevaluated => new ItemsKeyword(site, Child(location, "/unevaluatedItems"), 0, unevaluated: true),
                "unevaluatedProperties" when unevaluated =>
                    new AdditionalPropertiesKeyword(site, Child(location, "/unevaluatedProperties"), null, [], unevaluated: true),
                "format" => Format(location, site, value),
                _ when validation => Validation(location, site, value),
                _ => null,
            };
            if (keyword is not null)
            {
                keywords.Add(keyword);
            }
        }

        if (validation && NumberRange(location) is { } range)
        {
            keywords.Add(range);
        }

        CheckCoreKeywords(location);

        // unevaluated* read the annotations of every sibling, so they must run after them.
        var ordered = new List<Keyword>(keywords.Count);
        ordered.AddRange(keywords.Where(k => !k.RunsLast));
        ordered.AddRange(keywords.Where(k => k.RunsLast));
        return [.. ObjectMembersKeyword.Fuse(ordered)];
    }

    private static KeywordSite Site(SchemaLocation location, string name)
    {
        string escaped = "/" + JsonPointerText.Escape(name);
        return new KeywordSite(name, location.DocumentPointer + escaped, location.AbsoluteLocation + escaped);
    }

    private RefKeyword? Reference(SchemaLocation location, KeywordSite site, JsonElement value, bool dynamic)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Problem($"`{site.AbsoluteLocation}` must be a URI reference string, was {Describe.Kind(value)}");
            return null;
        }

        string key;
        try
        {
            key = UriText.Resolve(location.Resource.Uri, value.GetString()!);
        }
        catch (Exception ex) when (ex is UriFormatException or InvalidOperationException)
        {
            Problem($"`{site.AbsoluteLocation}` is not a valid URI reference: {ex.Message}");
            return null;
        }

        var keyword = new RefKeyword(site, key);
        _pendingRefs.Enqueue((keyword, dynamic));
        return keyword;
    }

    private FormatKeyword? Format(SchemaLocation location, KeywordSite site, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Problem($"`{site.AbsoluteLocation}` must be a string, was {Describe.Kind(value)}");
            return null;
        }

        bool assert = _options.AssertFormats || (location.Resource.Vocabularies & Vocabularies.FormatAssertion) != 0;
        string format = value.GetString()!;
        return assert && FormatCheckers.Find(format) is { } check ? new FormatKeyword(site, format, check) : null;
    }

    private void CheckCoreKeywords(SchemaLocation location)
    {
        foreach (var name in (ReadOnlySpan<string>)["$id", "$anchor", "$dynamicAnchor", "$schema", "$comment"])
        {
            if (location.Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                Problem($"`{Site(location, name).AbsoluteLocation}` must be a string, was {Describe.Kind(value)}");
            }
        }

        if (location.Element.TryGetProperty("$defs", out var defs) && defs.ValueKind != JsonValueKind.Object)
        {
            Problem($"`{Site(location, "$defs").AbsoluteLocation}` must be an object, was {Describe.Kind(defs)}");
        }
    }

    private bool RequireNonNegativeInteger(KeywordSite site, JsonElement value, out long result)
    {
        result = 0;
        if (value.ValueKind == JsonValueKind.Number && JsonNumber.IsInteger(value) && value.GetDouble() >= 0)
        {
            result = value.GetDouble() >= long.MaxValue ? long.MaxValue : (long)value.GetDouble();
            return true;
        }

        Problem($"`{site.AbsoluteLocation}` must be a non-negative integer, was {Describe.Value(value)}");
        return false;
    }

    private bool RequireNumber(KeywordSite site, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return true;
        }

        Problem($"`{site.AbsoluteLocation}` must be a number, was {Describe.Value(value)}");
        return false;
    }

    private EcmaRegex? Regex(KeywordSite site, string pattern)
    {
        var regex = EcmaRegex.TryCreate(pattern, _options.RegexTimeout, out var problem);
        if (regex is null)
        {
            Problem($"`{site.AbsoluteLocation}`: `{pattern}` is not a valid regular expression ({problem})");
        }

        return regex;
    }
}
