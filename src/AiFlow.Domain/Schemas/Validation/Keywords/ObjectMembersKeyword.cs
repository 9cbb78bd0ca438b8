using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// <c>properties</c> with its adjacent plain <c>required</c> and <c>additionalProperties</c>, checked in one walk over
/// the instance's members instead of one walk each: every member's name is looked up once, and the lookup's index says
/// both which schema applies and which required name it satisfies. The walk answers only yes or no, which is all the
/// first pass of a validation asks (<see cref="CompiledSchema"/>); the pass that collects errors runs the three
/// keywords as they are.
/// </summary>
internal sealed class ObjectMembersKeyword : Keyword
{
    private readonly Keyword[] _parts;
    private readonly PropertyNameLookup _names;
    private readonly SchemaNode[] _schemas;
    private readonly SchemaNode? _additional;
    private readonly ulong[] _requiredBits;
    private readonly ulong _allRequired;

    private ObjectMembersKeyword(Keyword[] parts, PropertiesKeyword properties, string[]? required, SchemaNode? additional)
        : base(properties.Site)
    {
        _parts = parts;
        _names = properties.Names;
        _schemas = properties.Schemas;
        _additional = additional;
        _requiredBits = new ulong[_names.Names.Length];
        foreach (var (name, bit) in (required ?? []).Select((name, i) => (name, i)))
        {
            _allRequired |= 1UL << bit;
            for (int i = 0; i < _names.Names.Length; i++)
            {
                if (string.Equals(_names.Names[i], name, StringComparison.Ordinal))
                {
                    _requiredBits[i] |= 1UL << bit;
                }
            }
        }
    }

    /// <summary>
    /// Replaces <c>properties</c> and whichever of a plain <c>required</c> (every name declared in <c>properties</c>) and
    /// a plain <c>additionalProperties</c> sit right beside it in evaluation order; anything else is left as it is.
    /// </summary>
    public static List<Keyword> Fuse(List<Keyword> keywords)
    {
        int at = keywords.FindIndex(k => k is PropertiesKeyword);
        if (at < 0)
        {
            return keywords;
        }

        var properties = (PropertiesKeyword)keywords[at];
        var declared = new HashSet<string>(properties.Names.Names, StringComparer.Ordinal);
        bool Fits(Keyword k) =>
            (k is RequiredKeyword { DistinctNames: { } names } && names.All(declared.Contains))
            || k is AdditionalPropertiesKeyword { PlainSchema: not null };
        int first = at;
        int last = at;
        while (first > 0 && last - first < 2 && Fits(keywords[first - 1]))
        {
            first--;
        }

        while (last + 1 < keywords.Count && last - first < 2 && Fits(keywords[last + 1]))
        {
            last++;
        }

        var parts = keywords.GetRange(first, last - first + 1);
        if (parts.Count == 1 || parts.OfType<RequiredKeyword>().Count() > 1 || parts.OfType<AdditionalPropertiesKeyword>().Count() > 1)
        {
            return keywords;
        }

        var fused = new ObjectMembersKeyword(
            [.. parts],
            properties,
            parts.OfType<RequiredKeyword>().SingleOrDefault()?.DistinctNames,
            parts.OfType<AdditionalPropertiesKeyword>().SingleOrDefault()?.PlainSchema);
        var result = new List<Keyword>(keywords);
        result.RemoveRange(first, parts.Count);
        result.Insert(first, fused);
        return result;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (!context.Collecting)
        {
            return Walk(context, instance, tracker);
        }

        // Errors are collected only in a second pass over an instance already known to fail, so the keywords describe
        // it themselves, with their own messages, order and locations.
        bool valid = true;
        foreach (var part in _parts)
        {
            valid &= part.Evaluate(context, instance, tracker);
        }

        return valid;
    }

    private bool Walk(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        ulong seen = 0;
        int position = 0;
        int next = 0;
        foreach (var property in instance.EnumerateObject())
        {
            int index = _names.IndexOf(property, next);
            bool ok = true;
            if (index >= 0)
            {
                next = index + 1;
                seen |= _requiredBits[index];
                tracker?.Mark(position);
                context.PushName(_names.Names[index]);
                ok = _schemas[index].Evaluate(context, property.Value, null);
                context.Pop();
            }
            else if (_additional is not null)
            {
                tracker?.Mark(position);
                context.PushProperty(property);
                ok = _additional.Evaluate(context, property.Value, null);
                context.Pop();
            }

            if (!ok)
            {
                return false;
            }

            position++;
        }

        return seen == _allRequired;
    }
}
