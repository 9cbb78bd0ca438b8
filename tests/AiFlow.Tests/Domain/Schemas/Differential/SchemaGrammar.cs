using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CsCheck;
using KeywordGroup = (string Name, System.Text.Json.Nodes.JsonNode? Value)[];
using WeightedGroups = System.Collections.Generic.List<(int Weight, CsCheck.IGen<(string Name, System.Text.Json.Nodes.JsonNode? Value)[]> Group)>;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// Draft 2020-12 schemas built from a grammar over the vocabularies AiFlow's IR schemas use. A schema object is one
/// to three keyword groups merged (first wins on a clash), so siblings such as <c>properties</c> beside
/// <c>unevaluatedProperties</c> or <c>$ref</c> beside <c>type</c> meet as often as in hand-written schemas.
/// Nesting is bounded by <see cref="MaxDepth"/>.
/// </summary>
internal static class SchemaGrammar
{
    public const int MaxDepth = 3;

    private static readonly string[] s_defNames = ["d0", "d1"];
    private static readonly ConcurrentDictionary<(int Depth, RefScope Scope), Gen<JsonNode>> s_schemas = new();

    private static readonly Gen<KeywordGroup> s_typeKeyword = Gen.Frequency(
        (3, Gen.OneOf(GrammarPools.Types).Select(t => (JsonNode?)JsonValue.Create(t))),
        (1, Gen.Shuffle(GrammarPools.Types, 2, 3).Select(ts => (JsonNode?)RandomJson.Array(ts.Select(t => (JsonNode?)JsonValue.Create(t))))))
        .Select(type => One("type", type));

    private static readonly Gen<JsonNode?> s_count = Gen.Int[0, 3].Select(n => (JsonNode?)JsonValue.Create(n));
    private static readonly Gen<JsonNode?> s_bound = Gen.OneOf(GrammarPools.Bounds).Select(text => (JsonNode?)RandomJson.Number(text));
    private static readonly Gen<JsonNode?> s_divisor = Gen.OneOf(GrammarPools.Divisors).Select(text => (JsonNode?)RandomJson.Number(text));

    private static readonly WeightedGroups s_stringKeywords =
    [
        (2, Bounds(("minLength", s_count), ("maxLength", s_count))),
        (2, Gen.OneOf(GrammarPools.Patterns).Select(p => One("pattern", JsonValue.Create(p.Pattern)))),
    ];

    private static readonly WeightedGroups s_numberKeywords =
    [
        (3, Bounds(("minimum", s_bound), ("maximum", s_bound), ("exclusiveMinimum", s_bound), ("exclusiveMaximum", s_bound))),
        (2, s_divisor.Select(d => One("multipleOf", d))),
    ];

    /// <summary>Keywords that constrain any kind of instance directly.</summary>
    private static readonly WeightedGroups s_literals =
    [
        (2, s_typeKeyword),
        (1, RandomJson.Value(1).Select(v => One("const", v))),
        (1, RandomJson.Value(1).Array[1, 3].Select(vs => One("enum", Distinct(vs)))),
    ];

    /// <summary>A root schema, a third of them with <c>$defs</c> that the body may <c>$ref</c>.</summary>
    public static Gen<JsonNode> Document { get; } = Gen.Frequency(
        (2, Object(MaxDepth, RefScope.None)),
        (1, Gen.Select(Schema(1, RefScope.Definition), Schema(1, RefScope.Definition), Object(MaxDepth, RefScope.Defs), (d0, d1, body) =>
        {
            body["$defs"] = new JsonObject { [s_defNames[0]] = d0, [s_defNames[1]] = d1 };
            return body;
        }))).Select(schema => (JsonNode)schema);

    /// <summary>A boolean schema now and then, otherwise a schema object.</summary>
    public static Gen<JsonNode> Schema(int depth, RefScope scope) =>
        s_schemas.GetOrAdd((depth, scope), key => Gen.Frequency(
            (1, Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b))),
            (8, Object(key.Depth, key.Scope).Select(o => (JsonNode)o))));

    /// <summary>
    /// A schema object aimed at one kind of instance (object, array, string, number) or at none: one to three keyword
    /// groups of that kind, now and then an applicator or a reference, and the matching <c>type</c> two times in three.
    /// Keywords of one kind together are what IR schemas look like, and a synthesized instance then meets each of them.
    /// </summary>
    private static Gen<JsonObject> Object(int depth, RefScope scope)
    {
        // Beside a kind's own keywords only the applicators: a random type, enum or const there mostly makes the schema unsatisfiable.
        var applicators = Applicators(depth, scope);
        return Gen.Frequency(
            (3, Flavour(Type("object"), ObjectKeywords(depth, scope), applicators)),
            (2, Flavour(Type("array"), ArrayKeywords(depth, scope), applicators)),
            (1, Flavour(Type("string"), s_stringKeywords, applicators)),
            (1, Flavour(Gen.OneOf("number", "integer").Select(t => One("type", JsonValue.Create(t))), s_numberKeywords, applicators)),
            (2, Gen.Frequency([.. s_literals, .. applicators]).Array[1, 2].Select(groups => RandomJson.Object(groups.SelectMany(g => g)))));
    }

    private static Gen<JsonObject> Flavour(Gen<KeywordGroup> type, WeightedGroups own, WeightedGroups applicators) =>
        Gen.Select(
            Gen.Frequency((2, type), (1, Gen.Const(() => Array.Empty<(string, JsonNode?)>()))),
            Gen.Frequency([.. own, .. applicators.Select(g => (1, g.Item2))]).Array[1, 3],
            (typeKeyword, groups) => RandomJson.Object(typeKeyword.Concat(groups.SelectMany(g => g))));

    private static Gen<KeywordGroup> Type(string name) => Gen.Const(() => One("type", JsonValue.Create(name)));

    private static WeightedGroups ObjectKeywords(int depth, RefScope scope)
    {
        var groups = new WeightedGroups
        {
            (2, Names(1, 3).Select(names => One("required", names))),
            (1, Bounds(("minProperties", s_count), ("maxProperties", s_count))),
            (1, Gen.Select(Gen.OneOf(GrammarPools.PropertyNames), Names(0, 2)).Array[1, 2]
                .Select(rules => One("dependentRequired", RandomJson.Object(rules.Select(r => (r.Item1, (JsonNode?)r.Item2)))))),
        };
        if (depth > 0)
        {
            // Keywords that step into the instance may recurse to the root: the instance, not the schema, bounds the loop.
            var inside = Schema(depth - 1, scope.Descend());
            groups.AddRange(
            [
                (4, Gen.Select(Members(GrammarPools.PropertyNames, inside), Maybe(Names(0, 2), 50), Maybe(inside, 60),
                    (properties, required, additional) => Group(("properties", properties), ("required", required), ("additionalProperties", additional)))),
                (1, Gen.Select(Members(GrammarPools.NamePatterns, inside), Maybe(inside, 50),
                    (patterns, additional) => Group(("patternProperties", patterns), ("additionalProperties", additional)))),
                (1, inside.Select(s => One("additionalProperties", s))),
                (2, inside.Select(s => One("unevaluatedProperties", s))),
            ]);
        }

        return groups;
    }

    private static WeightedGroups ArrayKeywords(int depth, RefScope scope)
    {
        var groups = new WeightedGroups
        {
            (2, Bounds(("minItems", s_count), ("maxItems", s_count), ("uniqueItems", Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))))),
        };
        if (depth > 0)
        {
            var inside = Schema(depth - 1, scope.Descend());
            groups.AddRange(
            [
                (2, Gen.Select(inside.Array[1, 2], Maybe(inside, 40),
                    (prefix, items) => Group(("prefixItems", RandomJson.Array(prefix)), ("items", items)))),
                (2, inside.Select(s => One("items", s))),
                (2, Gen.Select(inside, Maybe(s_count, 60), Maybe(s_count, 60),
                    (contains, min, max) => Group(("contains", contains), ("minContains", min), ("maxContains", max)))),
                (2, inside.Select(s => One("unevaluatedItems", s))),
            ]);
        }

        return groups;
    }

    /// <summary>References and the in-place applicators, for any kind of instance.</summary>
    private static WeightedGroups Applicators(int depth, RefScope scope)
    {
        var groups = new WeightedGroups();
        if (scope.Targets.Length > 0)
        {
            groups.Add((2, Gen.OneOf(scope.Targets).Select(target => One("$ref", JsonValue.Create(target)))));
        }

        if (depth > 0)
        {
            var inPlace = Schema(depth - 1, scope);
            groups.AddRange(
            [
                (2, Gen.Select(Gen.OneOf("allOf", "anyOf", "oneOf"), inPlace.Array[1, 3],
                    (name, branches) => One(name, RandomJson.Array(branches)))),
                (1, inPlace.Select(s => One("not", s))),
                (2, Gen.Select(inPlace, Maybe(inPlace, 30), Maybe(inPlace, 50),
                    (condition, then, otherwise) => Group(("if", condition), ("then", then), ("else", otherwise)))),
            ]);
        }

        return groups;
    }

    private static Gen<JsonNode?> Names(int min, int max) =>
        Gen.Shuffle(GrammarPools.PropertyNames, min, max).Select(names => (JsonNode?)RandomJson.Array(names.Select(n => (JsonNode?)JsonValue.Create(n))));

    private static Gen<JsonNode?> Members(string[] names, Gen<JsonNode> schema) =>
        Gen.Select(Gen.OneOf(names), schema).Array[1, 3].Select(members => (JsonNode?)RandomJson.Object(members.Select(m => (m.Item1, (JsonNode?)m.Item2))));

    /// <summary>One to all of the given keywords, each with its own value.</summary>
    private static Gen<KeywordGroup> Bounds(params (string Name, Gen<JsonNode?> Value)[] keywords) =>
        Gen.Select(
            Gen.Shuffle(Enumerable.Range(0, keywords.Length).ToArray(), 1, keywords.Length),
            Sequence([.. keywords.Select(k => k.Value)]),
            (picked, values) => picked.Order().Select(i => (keywords[i].Name, (JsonNode?)values[i])).ToArray());

    private static Gen<T[]> Sequence<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(() => Array.Empty<T>()), (all, next) => Gen.Select(all, next, (values, value) => (T[])[.. values, value]));

    /// <summary>Null (the keyword is left out) <paramref name="absentPercent"/>% of the time.</summary>
    private static Gen<JsonNode?> Maybe<T>(Gen<T> gen, int absentPercent)
        where T : JsonNode? =>
        Gen.Frequency((absentPercent, Gen.Const<JsonNode?>(() => null)), (100 - absentPercent, gen.Select(v => (JsonNode?)v)));

    private static KeywordGroup One(string name, JsonNode? value) => [(name, value)];

    /// <summary>A keyword group; absent (null) optional members are left out.</summary>
    private static KeywordGroup Group(params (string Name, JsonNode? Value)[] members) =>
        [.. members.Where(m => m.Value is not null)];

    private static JsonArray Distinct(JsonNode?[] values) =>
        RandomJson.Array(values.DistinctBy(v => v?.ToJsonString() ?? "null"));
}
