using System.Text;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>required</c>, and each entry of <c>dependentRequired</c> (then only when the trigger property is present).</summary>
internal sealed class RequiredKeyword : Keyword
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly byte[]? _trigger;
    private readonly string? _triggerName;
    // One walk over the instance's members marks the required names it meets, instead of a property search per name;
    // only when one is missing does the per-name loop run, to name it.
    private readonly PropertyNameLookup? _lookup;
    private readonly ulong _all;

    public RequiredKeyword(KeywordSite site, string[] names, string? trigger)
        : base(site)
    {
        _names = names;
        _utf8Names = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
        _triggerName = trigger;
        _trigger = trigger is null ? null : Encoding.UTF8.GetBytes(trigger);
        var distinct = names.Distinct(StringComparer.Ordinal).ToArray();
        if (trigger is null && distinct.Length is > 0 and <= 64)
        {
            _lookup = new PropertyNameLookup(distinct);
            _all = distinct.Length == 64 ? ulong.MaxValue : (1UL << distinct.Length) - 1;
        }
    }

    /// <summary>The distinct names when this is a plain <c>required</c> the walk can check by bitmask; otherwise null.</summary>
    public string[]? DistinctNames => _lookup?.Names;

    private bool AllPresent(JsonElement instance)
    {
        ulong seen = 0;
        int next = 0;
        foreach (var property in instance.EnumerateObject())
        {
            int index = _lookup!.IndexOf(property, next);
            if (index >= 0)
            {
                seen |= 1UL << index;
                next = index + 1;
            }
        }

        return seen == _all;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object || (_trigger is not null && !instance.TryGetProperty(_trigger, out _)))
        {
            return true;
        }

        if (_lookup is not null && AllPresent(instance))
        {
            return true;
        }

        bool valid = true;
        for (int i = 0; i < _utf8Names.Length; i++)
        {
            if (instance.TryGetProperty(_utf8Names[i], out _))
            {
                continue;
            }

            valid = false;
            if (!context.Collecting)
            {
                return false;
            }

            string what = $"`/{JsonPointerText.Escape(_names[i])}` is required at {context.Where()}";
            context.Fail(Site, _triggerName is null ? what : $"{what} because `{_triggerName}` is present");
        }

        return valid;
    }
}
