using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Keywords of the validation vocabulary.</summary>
internal sealed partial class SchemaCompilerSession
{
    private static readonly Dictionary<string, JsonTypes> s_typeNames = new(StringComparer.Ordinal)
    {
        ["null"] = JsonTypes.Null,
        ["boolean"] = JsonTypes.Boolean,
        ["object"] = JsonTypes.Object,
        ["array"] = JsonTypes.Array,
        ["number"] = JsonTypes.Number,
        ["string"] = JsonTypes.String,
        ["integer"] = JsonTypes.Integer,
    };

    private Keyword? Validation(SchemaLocation location, KeywordSite site, JsonElement value)
    {
        switch (site.Name)
        {
            case "type":
                return Type(site, value);
            case "enum":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    Problem($"`{site.AbsoluteLocation}` must be an array, was {Describe.Kind(value)}");
                    return null;
                }

                return new EnumKeyword(site, [.. value.EnumerateArray()], isConst: false);
            case "const":
                return new EnumKeyword(site, [value], isConst: true);
            case "multipleOf":
                if (!RequireNumber(site, value))
                {
                    return null;
                }

                if (value.GetDouble() <= 0)
                {
                    Problem($"`{site.AbsoluteLocation}` must be greater than 0, was {Describe.Value(value)}");
                    return null;
                }

                return new MultipleOfKeyword(site, new JsonNumber(value));
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                // Compiled together by NumberRange once every keyword of the schema has been seen.
                RequireNumber(site, value);
                return null;
            case "minLength" or "maxLength" or "minItems" or "maxItems" or "minProperties" or "maxProperties":
                if (!RequireNonNegativeInteger(site, value, out long limit))
                {
                    return null;
                }

                var kind = site.Name.EndsWith("Length", StringComparison.Ordinal) ? JsonValueKind.String
                    : site.Name.EndsWith("Items", StringComparison.Ordinal) ? JsonValueKind.Array : JsonValueKind.Object;
                return new CountKeyword(site, kind, limit, site.Name.StartsWith("min", StringComparison.Ordinal));
            case "minContains" or "maxContains":
                RequireNonNegativeInteger(site, value, out _);
                return null;
            case "pattern":
                if (value.ValueKind != JsonValueKind.String)
                {
                    Problem($"`{site.AbsoluteLocation}` must be a string, was {Describe.Kind(value)}");
                    return null;
                }

                return Regex(site, value.GetString()!) is { } regex ? new PatternKeyword(site, regex) : null;
            case "uniqueItems":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Problem($"`{site.AbsoluteLocation}` must be a boolean, was {Describe.Kind(value)}");
                    return null;
                }

                return value.ValueKind == JsonValueKind.True ? new UniqueItemsKeyword(site) : null;
            case "required":
                return StringArray(site, value) is { } names ? new RequiredKeyword(site, names, null) : null;
            case "dependentRequired":
                return DependentRequired(site, value);
            default:
                return null;
        }
    }

    private NumberRangeKeyword? NumberRange(SchemaLocation location)
    {
        var bounds = new List<NumberBound>();
        foreach (var name in (ReadOnlySpan<string>)["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"])
        {
            if (location.Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                bounds.Add(new NumberBound(Site(location, name), new JsonNumber(value), name.Contains("inimum", StringComparison.Ordinal), name.StartsWith("exclusive", StringComparison.Ordinal)));
            }
        }

        return bounds.Count == 0 ? null : new NumberRangeKeyword(bounds[0].Site, [.. bounds]);
    }

    private TypeKeyword? Type(KeywordSite site, JsonElement value)
    {
        var types = JsonTypes.None;
        var names = new List<string>();
        if (value.ValueKind == JsonValueKind.String)
        {
            names.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            foreach (var item in value.EnumerateArray())
            {
                names.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
        }
        else
        {
            Problem($"`{site.AbsoluteLocation}` must be a type name or a non-empty array of type names, was {Describe.Value(value)}");
            return null;
        }

        foreach (var name in names)
        {
            if (!s_typeNames.TryGetValue(name, out var type))
            {
                Problem($"`{site.AbsoluteLocation}`: `{name}` is not a JSON Schema type");
                return null;
            }

            types |= type;
        }

        string expected = names.Count == 1
            ? Article(names[0])
            : string.Join(", ", names.Take(names.Count - 1).Select(Article)) + " or " + Article(names[^1]);
        return new TypeKeyword(site, types, expected);
    }

    private static string Article(string type) => type switch
    {
        "null" => "null",
        "object" or "array" or "integer" => "an " + type,
        _ => "a " + type,
    };

    private string[]? StringArray(KeywordSite site, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
        {
            var names = value.EnumerateArray().Select(item => item.GetString()!).ToArray();
            if (names.Distinct(StringComparer.Ordinal).Count() == names.Length)
            {
                return names;
            }
        }

        Problem($"`{site.AbsoluteLocation}` must be an array of unique strings, was {Describe.Value(value)}");
        return null;
    }

    private KeywordGroup? DependentRequired(KeywordSite site, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem($"`{site.AbsoluteLocation}` must be an object, was {Describe.Kind(value)}");
            return null;
        }

        var entries = new List<Keyword>();
        foreach (var entry in value.EnumerateObject())
        {
            var entrySite = new KeywordSite(site.Name, site.DocumentPointer + "/" + JsonPointerText.Escape(entry.Name), site.AbsoluteLocation + "/" + JsonPointerText.Escape(entry.Name));
            if (StringArray(entrySite, entry.Value) is { } names)
            {
                entries.Add(new RequiredKeyword(entrySite, names, entry.Name));
            }
        }

        return entries.Count == 0 ? null : new KeywordGroup(site, [.. entries]);
    }
}
