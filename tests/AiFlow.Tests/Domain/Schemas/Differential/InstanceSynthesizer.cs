using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// Builds an instance meant to satisfy a generated schema. It is best effort (it follows one branch of an applicator
/// and ignores the rest, and it does not solve <c>not</c>), which is fine: the validators, not the synthesizer,
/// decide validity, and the synthesizer only has to land near the boundary often.
/// </summary>
internal sealed class InstanceSynthesizer
{
    private readonly JsonNode _root;
    private readonly PCG _pcg;

    public InstanceSynthesizer(JsonNode root, PCG pcg)
    {
        _root = root;
        _pcg = pcg;
    }

    public JsonNode? Synthesize(JsonNode? schema, int depth)
    {
        if (depth <= 0 || schema is not JsonObject keywords)
        {
            return RandomJson.Value(depth <= 0 ? 0 : 1).Generate(_pcg, null, out _);
        }

        if (keywords.TryGetPropertyValue("const", out var constant) && Chance(95))
        {
            return constant?.DeepClone();
        }

        if (keywords["enum"] is JsonArray { Count: > 0 } choices && Chance(95))
        {
            return Pick(choices)?.DeepClone();
        }

        var type = ChooseType(keywords);
        if (type is null)
        {
            var branches = Branches(keywords);
            if (branches.Count > 0)
            {
                return Synthesize(Pick(branches), depth - 1);
            }
        }

        return (type ?? Pick(GrammarPools.Types)) switch
        {
            "null" => null,
            "boolean" => JsonValue.Create(Chance(50)),
            "integer" => Number(keywords, integer: true),
            "number" => Number(keywords, integer: false),
            "string" => String(keywords),
            "array" => Array(keywords, depth),
            _ => Object(keywords, depth),
        };
    }

    private string? ChooseType(JsonObject keywords) => keywords["type"] switch
    {
        JsonValue single => single.GetValue<string>(),
        JsonArray several => Pick(several)!.GetValue<string>(),
        _ when Has(keywords, "properties", "required", "patternProperties", "additionalProperties", "minProperties",
            "dependentRequired", "unevaluatedProperties") => "object",
        _ when Has(keywords, "items", "prefixItems", "contains", "minItems", "uniqueItems", "unevaluatedItems") => "array",
        _ when Has(keywords, "minLength", "maxLength", "pattern") => "string",
        _ when Has(keywords, "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf") => "number",
        _ => null,
    };

    private List<JsonNode?> Branches(JsonObject keywords)
    {
        var branches = new List<JsonNode?>();
        foreach (var name in (string[])["allOf", "anyOf", "oneOf"])
        {
            if (keywords[name] is JsonArray list)
            {
                branches.AddRange(list);
            }
        }

        if (keywords["$ref"] is JsonValue reference)
        {
            branches.Add(Resolve(reference.GetValue<string>()));
        }

        branches.AddRange(new[] { keywords["then"], keywords["else"] }.Where(b => b is not null));
        return branches;
    }

    private JsonNode? Resolve(string reference) =>
        reference == "#" ? _root : _root["$defs"]?[reference["#/$defs/".Length..]];

    private JsonValue Number(JsonObject keywords, bool integer)
    {
        // Schema bounds and divisors always fit a decimal; only the instance pool holds numbers (1e30, 1e-30) that do not.
        var candidates = GrammarPools.Numbers.Concat(GrammarPools.Bounds).Select(NumberText.ToDecimal).OfType<decimal>().ToList();
        if (keywords["multipleOf"] is JsonValue divisor)
        {
            var step = Parse(divisor.ToJsonString());
            candidates.AddRange(Enumerable.Range(-2, 9).Select(k => step * k));
        }

        foreach (var bound in (string[])["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
        {
            if (keywords[bound] is JsonValue value)
            {
                var at = Parse(value.ToJsonString());
                candidates.AddRange([at - 1, at, at + 1, at + 0.5m]);
            }
        }

        var fitting = candidates.Where(c => Fits(keywords, c, integer)).ToList();
        return JsonValue.Create(Pick(fitting.Count > 0 ? fitting : candidates));
    }

    private static bool Fits(JsonObject keywords, decimal candidate, bool integer) =>
        (!integer || decimal.Truncate(candidate) == candidate)
        && Compare(keywords, "minimum", b => candidate >= b)
        && Compare(keywords, "maximum", b => candidate <= b)
        && Compare(keywords, "exclusiveMinimum", b => candidate > b)
        && Compare(keywords, "exclusiveMaximum", b => candidate < b)
        && Compare(keywords, "multipleOf", b => candidate % b == 0);

    private static bool Compare(JsonObject keywords, string name, Func<decimal, bool> holds) =>
        keywords[name] is not JsonValue bound || holds(Parse(bound.ToJsonString()));

    private JsonValue String(JsonObject keywords)
    {
        if (keywords["pattern"] is JsonValue pattern && Chance(80))
        {
            var text = pattern.GetValue<string>();
            return JsonValue.Create(Pick(GrammarPools.Patterns.First(p => p.Pattern == text).Matches));
        }

        var min = Count(keywords, "minLength") ?? 0;
        var max = Count(keywords, "maxLength") ?? int.MaxValue;
        var fitting = GrammarPools.Strings.Where(s => s.EnumerateRunes().Count() is var n && n >= min && n <= max).ToList();
        return JsonValue.Create(fitting.Count > 0 ? Pick(fitting) : new string('a', min));
    }

    private JsonArray Array(JsonObject keywords, int depth)
    {
        var items = new JsonArray();
        if (keywords["prefixItems"] is JsonArray prefix)
        {
            foreach (var schema in prefix.Take(1 + (int)_pcg.Next((uint)prefix.Count)))
            {
                items.Add(Synthesize(schema, depth - 1));
            }
        }

        if (keywords["contains"] is { } contains)
        {
            var wanted = Count(keywords, "minContains") ?? 1;
            for (var i = 0; i < wanted; i++)
            {
                items.Add(Synthesize(contains, depth - 1));
            }
        }

        var rest = keywords["items"];
        var extra = rest is JsonValue v && v.GetValue<bool>() == false ? 0 : (int)_pcg.Next(3);
        var min = Count(keywords, "minItems") ?? 0;
        while (items.Count < min || extra-- > 0)
        {
            items.Add(Synthesize(rest ?? JsonValue.Create(true), depth - 1));
        }

        var max = Count(keywords, "maxItems") ?? int.MaxValue;
        while (items.Count > max && Chance(80))
        {
            items.RemoveAt(items.Count - 1);
        }

        return items;
    }

    private JsonObject Object(JsonObject keywords, int depth)
    {
        var names = new List<string>();
        if (keywords["required"] is JsonArray required)
        {
            names.AddRange(required.Select(n => n!.GetValue<string>()));
        }

        if (keywords["properties"] is JsonObject properties)
        {
            names.AddRange(properties.Select(p => p.Key).Where(_ => Chance(60)));
        }

        if (Chance(30))
        {
            names.Add(Pick(GrammarPools.PropertyNames));
        }

        var min = Count(keywords, "minProperties") ?? 0;
        while (names.Distinct().Count() < min)
        {
            names.Add(Pick(GrammarPools.PropertyNames));
        }

        if (keywords["dependentRequired"] is JsonObject dependencies)
        {
            names.AddRange(names.ToList().SelectMany(n => dependencies[n] is JsonArray also ? also.Select(a => a!.GetValue<string>()) : []));
        }

        var result = new JsonObject();
        foreach (var name in names.Distinct())
        {
            result[name] = Synthesize(SchemaFor(keywords, name), depth - 1);
        }

        return result;
    }

    private static JsonNode? SchemaFor(JsonObject keywords, string name) =>
        keywords["properties"]?[name]
        ?? (keywords["patternProperties"] as JsonObject)?.FirstOrDefault(p => GrammarPools.NamePatterns.Contains(p.Key) && Regex.IsMatch(name, p.Key)).Value
        ?? keywords["additionalProperties"]
        ?? keywords["unevaluatedProperties"];

    private static bool Has(JsonObject keywords, params string[] names) => names.Any(keywords.ContainsKey);

    private static int? Count(JsonObject keywords, string name) => keywords[name] is JsonValue value ? value.GetValue<int>() : null;

    private static decimal Parse(string text) => NumberText.ToDecimal(text)!.Value;

    private bool Chance(int percent) => _pcg.Next(100) < percent;

    private T Pick<T>(IList<T> list) => list[(int)_pcg.Next((uint)list.Count)];
}
