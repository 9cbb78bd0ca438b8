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

    public RequiredKeyword(KeywordSite site, string[] names, string? trigger)
        : base(site)
    {
        _names = names;
        _utf8Names = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
        _triggerName = trigger;
        _trigger = trigger is null ? null : Encoding.UTF8.GetBytes(trigger);
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object || (_trigger is not null && !instance.TryGetProperty(_trigger, out _)))
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
