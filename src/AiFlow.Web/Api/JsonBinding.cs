using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiFlow.Web.Api;

/// <summary>
/// Binds a JSON body to a typed record. A value of the wrong JSON type (a string for a number, a number too large for
/// its field, a word outside an enum), a member the record does not have, or a member given twice is a 400 problem
/// naming the field by JSON pointer and what it takes. A record that a client fills from what it read (a PUT of a
/// metric, a step version) declares the read-only members of that answer, so they bind and are ignored (ADR 0021).
/// </summary>
public static class JsonBinding
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Converters = { new EnumNameConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = JsonBodyCheck.MaxDepth,
    };

    /// <summary>Binds a body already read as a JSON object (prefer <see cref="JsonBody.BindAsync{T}"/>, which checks the bytes first).</summary>
    public static (T? Value, IResult? Error) Bind<T>(JsonObject body) where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        return Bind<T>(JsonSerializer.SerializeToUtf8Bytes(body));
    }

    /// <summary>Binds UTF-8 JSON that <see cref="JsonBodyCheck"/> has passed.</summary>
    internal static (T? Value, IResult? Error) Bind<T>(byte[] utf8) where T : class
    {
        var value = TryBind<T>(utf8, out var fault);
        return fault is { } f ? (null, Problem(f.Pointer, f.Title, f.Detail)) : (value, null);
    }

    /// <summary>As <see cref="Bind{T}(byte[])"/>, with the fault as data: for a document read outside a request (an uploaded file).</summary>
    internal static T? TryBind<T>(byte[] utf8, out JsonBodyCheck.Fault? fault) where T : class
    {
        fault = null;
        try
        {
            if (JsonSerializer.Deserialize<T>(utf8, Options) is { } value) return value;
            fault = new("", $"The body must be {Describe(typeof(T))}, not null.");
            return null;
        }
        catch (JsonException ex)
        {
            var pointer = Pointer(ex.Path);
            var where = pointer.Length == 0 ? "The body" : pointer;
            if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                fault = new(pointer, $"{where} is not a member this route takes.", Known(typeof(T), pointer));
            }
            else if (ex.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
            {
                fault = new(pointer, $"{where} is given twice (member names are matched without regard to case).");
            }
            else
            {
                var expected = TypeAt(typeof(T), pointer) is { } type ? Describe(type) : "another JSON value";
                fault = new(pointer, $"{where} must be {expected}.");
            }
            return null;
        }
    }

    /// <summary>A 400 problem about one field, named by its JSON pointer in the <c>pointer</c> extension.</summary>
    public static IResult Problem(string pointer, string title) => Problem(pointer, title, null);

    /// <summary>As <see cref="Problem(string, string)"/>, with a detail.</summary>
    public static IResult Problem(string pointer, string title, string? detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["pointer"] = pointer });

    /// <summary>The members the object holding <paramref name="pointer"/> takes, for the answer to an unknown one.</summary>
    private static string? Known(Type root, string pointer)
    {
        var parent = pointer.Length == 0 ? "" : pointer[..pointer.LastIndexOf('/')];
        var type = parent.Length == 0 ? root : TypeAt(root, parent);
        if (type is null) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsConstructorParameter(type, p.Name))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();
        return names.Count == 0 ? null : "It takes " + string.Join(", ", names) + ".";
    }

    private static bool IsConstructorParameter(Type type, string name) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>System.Text.Json's path (<c>$.targets[0]['a b']</c>) as an RFC 6901 pointer (<c>/targets/0/a b</c>).</summary>
    internal static string Pointer(string? path)
    {
        var pointer = new StringBuilder();
        var text = path ?? "$";
        for (var i = 1; i < text.Length;)
        {
            string token;
            if (text[i] == '.')
            {
                var end = text.IndexOfAny(['.', '['], i + 1);
                token = text[(i + 1)..(end < 0 ? text.Length : end)];
                i = end < 0 ? text.Length : end;
            }
            else
            {
                var end = text.IndexOf(']', i);
                if (end < 0) break;
                token = text[(i + 1)..end].Trim('\'');
                i = end + 1;
            }
            pointer.Append('/').Append(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }
        return pointer.ToString();
    }

    /// <summary>The CLR type bound at <paramref name="pointer"/> inside <paramref name="root"/>, or null when no member matches.</summary>
    private static Type? TypeAt(Type root, string pointer)
    {
        Type? type = root;
        foreach (var token in pointer.Split('/').Skip(1))
        {
            type = Nullable.GetUnderlyingType(type!) ?? type;
            type = ElementType(type!) is { } element && int.TryParse(token, out _)
                ? element
                : type!.GetProperty(token, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (type is null) return null;
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"\"{n}\""));
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type == typeof(uint)) return $"a whole number from 0 to {uint.MaxValue}";
        if (type == typeof(int)) return $"a whole number from {int.MinValue} to {int.MaxValue}";
        if (type == typeof(long)) return "a whole number";
        if (typeof(JsonNode).IsAssignableFrom(type)) return "JSON";
        return ElementType(type) is not null ? "an array" : "an object";
    }
}
