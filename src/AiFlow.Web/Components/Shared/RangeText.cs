using System.Globalization;

namespace AiFlow.Web.Components.Shared;

/// <summary>The words a number field uses to refuse a value outside its range.</summary>
public static class RangeText
{
    /// <summary>Null when the value is allowed (an empty value always is), else a sentence naming the allowed range.</summary>
    public static string? Refusal(double? value, double? min, double? max)
    {
        if (value is not { } v) return null;
        if ((min is null || v >= min) && (max is null || v <= max)) return null;
        return (min, max) switch
        {
            ({ } lo, { } hi) => $"Allowed range: {Show(lo)} to {Show(hi)}.",
            ({ } lo, null) => $"Must be at least {Show(lo)}.",
            (null, { } hi) => $"Must be at most {Show(hi)}.",
            _ => null,
        };
    }

    private static string Show(double bound) => bound.ToString("0.######", CultureInfo.InvariantCulture);
}
