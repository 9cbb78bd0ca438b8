using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Tests.E2E.BadInput;

/// <summary>
/// One malformed request: what it is (for the failure message), its method, path and query, and its body.
/// <paramref name="RefusedByKestrel"/>: the server refuses it before the app runs (a NUL in the path), with a bare 400
/// that no middleware can shape.
/// </summary>
public sealed record BadRequest(string Case, HttpMethod Method, string PathAndQuery, byte[]? Body = null, string? ContentType = "application/json", bool RefusedByKestrel = false);

/// <summary>
/// Malformed requests for a route from what it reads (<see cref="RouteInput"/>): broken and hostile JSON for any body,
/// faults planted in each member of the record it binds and values of the wrong JSON type for each, bad query values,
/// malformed route values and a method the path does not take. Every one must be refused with a 4xx problem.
/// </summary>
public static class BadInputCorpus
{
    private static readonly string HugeNumber = new('9', 200_000);

    /// <summary>The path with its route values filled by ones that parse (nothing exists under them).</summary>
    public static string Concrete(string pattern, string? key = null, string? guid = null, string? number = null) => pattern
        .Replace("{key}", key ?? "no-such-key", StringComparison.Ordinal)
        .Replace("{id:guid}", guid ?? "6d2c0b8e-0000-4000-8000-000000000001", StringComparison.Ordinal)
        .Replace("{number:int}", number ?? "1", StringComparison.Ordinal)
        .Replace("{node}", "node", StringComparison.Ordinal);

    public static IEnumerable<BadRequest> For(string route, RouteInput input)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(route[..space]);
        var pattern = route[(space + 1)..];
        var path = Concrete(pattern);

        foreach (var request in RouteValues(method, pattern)) yield return request;
        yield return new BadRequest("a method the path does not take", HttpMethod.Patch, path);
        foreach (var parameter in input.Query)
        {
            foreach (var value in BadValues(parameter.Kind))
            {
                yield return new BadRequest($"?{parameter.Name}={value}", method, $"{path}?{parameter.Prefix}{parameter.Name}={value}");
            }
        }
        if (!input.TakesBody) yield break;

        foreach (var (name, body, contentType) in BrokenBodies(input.BodyOptional))
        {
            yield return new BadRequest(name, method, path, body, contentType);
        }
        if (input.RawBody)
        {
            yield return Json("an unknown member", method, path, """{"bogus_field":1}""");
            yield break;
        }
        yield return Json("an unknown member", method, path, """{"bogus_field":1}""");
        foreach (var (member, type) in Members(input.Body!))
        {
            foreach (var (fault, json) in PlantedFaults())
            {
                var planted = json.Replace("@", $"\"{member}\"", StringComparison.Ordinal)
                    .Replace("^", $"\"{char.ToUpperInvariant(member[0])}{member[1..]}\"", StringComparison.Ordinal);
                yield return Json($"{fault} in {member}", method, path, planted);
            }
            yield return Raw($"invalid UTF-8 in {member}", method, path, [.. Encoding.UTF8.GetBytes($"{{\"{member}\":\""), 0xFF, 0xFE, .. "\"}"u8.ToArray()]);
            foreach (var wrong in WrongValues(type, depth: 0))
            {
                yield return Json($"{member}: {Shorten(wrong)}", method, path, $"{{\"{member}\":{wrong}}}");
            }
        }
    }

    private static BadRequest Json(string name, HttpMethod method, string path, string json) => new(name, method, path, Encoding.UTF8.GetBytes(json));

    private static BadRequest Raw(string name, HttpMethod method, string path, byte[] body) => new(name, method, path, body);

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>Route values that parse as no route (a GUID that is not one, an int that overflows) or hold a control character.</summary>
    private static IEnumerable<BadRequest> RouteValues(HttpMethod method, string pattern)
    {
        if (pattern.Contains("{id:guid}", StringComparison.Ordinal))
        {
            yield return new BadRequest("id: not-a-guid", method, Concrete(pattern, guid: "not-a-guid"));
            yield return new BadRequest("id: 123", method, Concrete(pattern, guid: "123"));
        }
        if (pattern.Contains("{number:int}", StringComparison.Ordinal))
        {
            yield return new BadRequest("number: 99999999999", method, Concrete(pattern, number: "99999999999"));
            yield return new BadRequest("number: abc", method, Concrete(pattern, number: "abc"));
        }
        if (pattern.Contains("{key}", StringComparison.Ordinal))
        {
            yield return new BadRequest("key: %00", method, Concrete(pattern, key: "a%00b"), RefusedByKestrel: true);
            yield return new BadRequest("key: %01", method, Concrete(pattern, key: "a%01b"));
        }
    }

    private static IEnumerable<string> BadValues(QueryKind kind) => kind switch
    {
        QueryKind.PageFromOne => ["abc", "0", "-1", "1.5", "1e3", "2147483647", "2147483648", "99999999999999999999", "%00"],
        QueryKind.PageFromZero => ["abc", "-1", "1.5", "2147483647", "2147483648", "99999999999999999999"],
        QueryKind.PageSize => ["0", "-5", "100000", "abc", "2147483648"],
        QueryKind.Date => ["0001-01-01", "9999-12-30", "9999-12-31T23:59:59Z", "1999-12-31T23:59:59Z", "not-a-date", "2026-13-45", "%00"],
        QueryKind.Guid => ["not-a-guid", "123", "%00"],
        QueryKind.Enum => ["99", "-1", "NoSuchValue", "%00"],
        QueryKind.Text => ["%00", "a%01b", "a%1Fb"],
        QueryKind.PositiveInt => ["abc", "0", "-1", "2147483648"],
        QueryKind.Bool => ["maybe", "2", "%00"],
        QueryKind.Cost => ["-1", "abc", "1e400", "99999999999999999999999999999"],
        _ => [],
    };

    /// <summary>Bodies no route takes, whatever it binds.</summary>
    private static IEnumerable<(string Name, byte[] Body, string? ContentType)> BrokenBodies(bool optional)
    {
        static (string, byte[], string?) J(string name, string json) => (name, Encoding.UTF8.GetBytes(json), "application/json");
        if (!optional) yield return ("an empty body", [], "application/json");
        yield return J("truncated JSON", """{"a":""");
        yield return J("an array where an object belongs", "[]");
        yield return J("an array of objects where an object belongs", "[{}]");
        yield return J("a string where an object belongs", "\"text\"");
        yield return J("a number where an object belongs", "123");
        yield return J("null where an object belongs", "null");
        yield return J("true where an object belongs", "true");
        yield return J("trailing garbage", "{} x");
        yield return J("two documents", "{}{}");
        yield return J("a trailing comma", """{"a":1,}""");
        yield return J("a comment", "{/* c */}");
        yield return J("single quotes", "{'a':1}");
        yield return J("NaN", """{"a":NaN}""");
        yield return J("Infinity", """{"a":Infinity}""");
        yield return J("an unquoted member", "{a:1}");
        yield return J("a raw control character in a string", "{\"a\":\"x\ty\"}");
        yield return J("nesting 200 deep", """{"a":""" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}");
        yield return J("\\u0000 in a member name", """{"a\u0000":1}""");
        yield return J("a lone surrogate in a member name", """{"\ud800":1}""");
        yield return J("a duplicate unknown member", """{"zz":1,"zz":2}""");
        yield return J("a 200,000-digit number in an unknown member", $$"""{"zz":{{HugeNumber}}}""");
        yield return ("invalid UTF-8", [.. "{\"a\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()], "application/json");
        yield return ("UTF-8 of a surrogate", [.. "{\"a\":\""u8.ToArray(), 0xED, 0xA0, 0x80, .. "\"}"u8.ToArray()], "application/json");
        yield return ("an overlong UTF-8 slash", [.. "{\"a\":\""u8.ToArray(), 0xC0, 0xAF, .. "\"}"u8.ToArray()], "application/json");
        yield return ("UTF-16 instead of UTF-8", Encoding.Unicode.GetBytes("{\"a\":1}"), "application/json");
        yield return ("JSON sent as text/plain", "{}"u8.ToArray(), "text/plain");
        yield return ("a form sent to a JSON route", "a=1&b=2"u8.ToArray(), "application/x-www-form-urlencoded");
        yield return ("JSON without a content type", "{}"u8.ToArray(), null);
        yield return ("JSON as application/xml", "{}"u8.ToArray(), "application/xml");
        yield return ("a body of 1.1 MB", Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 1_100_000) + "\"}"), "application/json");
    }

    /// <summary>Faults no value may carry, planted as the member's value (<c>@</c> stands for the member's name).</summary>
    private static IEnumerable<(string Fault, string Json)> PlantedFaults()
    {
        yield return ("a duplicate", """{@:null,@:null}""");
        yield return ("a duplicate in another case", """{@:null,^:null}""");
        yield return ("a lone high surrogate", """{@:"\ud800"}""");
        yield return ("a lone low surrogate", """{@:"x\udc00y"}""");
        yield return ("a reversed surrogate pair", """{@:"\udc00\ud800"}""");
        yield return ("\\u0000", """{@:"a\u0000b"}""");
        yield return ("\\u0000 deep inside", """{@:{"x":["\u0000"]}}""");
        yield return ("a 200,000-digit number", $$"""{@:{{HugeNumber}}}""");
        yield return ("1e400", """{@:1e400}""");
        yield return ("-1e400", """{@:-1e400}""");
        yield return ("1e400 deep inside", """{@:[{"x":1e400}]}""");
        yield return ("a 101-digit number", $$"""{@:{{new string('1', 101)}}}""");
    }

    /// <summary>The members a record binds (constructor parameters and settable properties), by their JSON names.</summary>
    public static IEnumerable<(string Name, Type Type)> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));

    /// <summary>JSON values of the wrong type for <paramref name="type"/>, with one level of nesting into arrays and objects.</summary>
    private static IEnumerable<string> WrongValues(Type type, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (type.IsValueType && underlying is null) yield return "null";
        type = underlying ?? type;
        if (type == typeof(JsonNode)) yield break;
        if (type == typeof(string)) { yield return "7"; yield return "{}"; yield return "[\"a\"]"; yield return "true"; yield break; }
        if (type == typeof(bool)) { yield return "\"true\""; yield return "1"; yield break; }
        if (type == typeof(int) || type == typeof(uint) || type == typeof(long))
        {
            yield return "\"1\""; yield return "1.5"; yield return "true";
            yield return type == typeof(long) ? "99999999999999999999" : "99999999999";
            if (type == typeof(uint)) yield return "-1";
            yield break;
        }
        if (type == typeof(double) || type == typeof(decimal)) { yield return "\"1\""; yield return "true"; yield return "{}"; yield break; }
        if (type == typeof(Guid)) { yield return "\"not-a-guid\""; yield return "5"; yield break; }
        if (type == typeof(DateTimeOffset)) { yield return "\"not-a-date\""; yield return "5"; yield break; }
        if (type.IsEnum) { yield return "\"NoSuchValue\""; yield return "1"; yield return "\"1\""; yield break; }
        if (type == typeof(JsonObject)) { yield return "[]"; yield return "\"x\""; yield return "5"; yield break; }
        if (ElementType(type) is { } element)
        {
            yield return "{}"; yield return "\"x\"";
            if (depth > 0) yield break;
            foreach (var wrong in WrongValues(element, depth + 1).Take(3)) yield return $"[{wrong}]";
            yield break;
        }
        yield return "[]"; yield return "\"x\""; yield return "5";
        if (depth > 0) yield break;
        yield return """{"bogus_field":1}""";
        foreach (var (member, memberType) in Members(type))
        {
            foreach (var wrong in WrongValues(memberType, depth + 1).Take(2)) yield return $"{{\"{member}\":{wrong}}}";
        }
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
          ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
}
