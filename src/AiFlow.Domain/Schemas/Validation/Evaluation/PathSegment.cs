using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>One step of the instance path; names are resolved to strings only when an error is reported.</summary>
internal readonly struct PathSegment
{
    private readonly JsonProperty _property;
    private readonly string? _name;
    private readonly int _index;

    private PathSegment(JsonProperty property, string? name, int index)
    {
        _property = property;
        _name = name;
        _index = index;
    }

    public static PathSegment ForProperty(JsonProperty property) => new(property, null, -1);

    public static PathSegment ForName(string name) => new(default, name, -2);

    public static PathSegment ForIndex(int index) => new(default, null, index);

    public string Token => _index switch
    {
        -1 => _property.Name,
        -2 => _name!,
        _ => _index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
