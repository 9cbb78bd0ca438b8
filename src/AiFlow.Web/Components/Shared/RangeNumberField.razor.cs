using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Components.Shared;

/// <summary>A number field that refuses a value outside <see cref="Min"/>..<see cref="Max"/> with a message instead of clamping it.</summary>
public partial class RangeNumberField<T> : ComponentBase, IDisposable
{
    private T shown = default!;
    private T lastKnown = default!;
    private string? refusal;

    /// <summary>The last accepted value; a new value from the page replaces whatever was typed.</summary>
    [Parameter] public T Value { get; set; } = default!;

    /// <summary>Raised only with values inside the allowed range (or an empty value for a nullable field).</summary>
    [Parameter] public EventCallback<T> ValueChanged { get; set; }

    /// <summary>The smallest allowed value; none when null.</summary>
    [Parameter] public double? Min { get; set; }

    /// <summary>The largest allowed value; none when null.</summary>
    [Parameter] public double? Max { get; set; }

    /// <summary>The form's guard, if any, which refuses a save while a field holds a refused value.</summary>
    [CascadingParameter] public NumberRangeGuard? Guard { get; set; }

    // The MudNumericField parameters the console uses, declared here because a captured attribute loses its type:
    // ReadOnly="ReadOnly" would arrive as the text "ReadOnly". Unset ones keep MudBlazor's defaults.
    [Parameter] public string? Label { get; set; }
    [Parameter] public string? HelperText { get; set; }
    [Parameter] public string? Placeholder { get; set; }
    [Parameter] public string? InputId { get; set; }
    [Parameter] public string? Style { get; set; }
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? Format { get; set; }
    [Parameter] public double? Step { get; set; }
    [Parameter] public bool? ReadOnly { get; set; }
    [Parameter] public bool? Clearable { get; set; }
    [Parameter] public bool? Immediate { get; set; }
    [Parameter] public Margin? Margin { get; set; }

    /// <summary>An error from elsewhere (the server's check), shown as on any MudNumericField.</summary>
    [Parameter] public bool Error { get; set; }
    [Parameter] public string? ErrorText { get; set; }

    /// <summary>Attributes with no parameter here (data-testid …) go to the MudNumericField as they are.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public Dictionary<string, object>? Attributes { get; set; }

    private Dictionary<string, object> inner = [];
    private readonly Func<T, string?> validation;

    public RangeNumberField() => validation = value => RangeText.Refusal(AsDouble(value), Min, Max);

    private static double? AsDouble(T value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    protected override void OnParametersSet()
    {
        inner = new Dictionary<string, object>(Attributes ?? []);
        Set(nameof(Label), Label);
        Set(nameof(HelperText), HelperText);
        Set(nameof(Placeholder), Placeholder);
        Set(nameof(InputId), InputId);
        Set(nameof(Style), Style);
        Set(nameof(Class), Class);
        Set(nameof(Format), Format);
        Set(nameof(ReadOnly), ReadOnly);
        Set(nameof(Clearable), Clearable);
        Set(nameof(Immediate), Immediate);
        Set(nameof(Margin), Margin);
        if (Step is { } step) inner[nameof(Step)] = Convert.ChangeType(step, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);

        if (EqualityComparer<T>.Default.Equals(Value, lastKnown) && refusal is not null) return;
        shown = Value;
        lastKnown = Value;
        SetRefusal(null);
    }

    private async Task OnChangedAsync(T value)
    {
        shown = value;
        SetRefusal(validation(value));
        if (refusal is not null) return;
        lastKnown = value;
        await ValueChanged.InvokeAsync(value);
    }

    private void Set(string name, object? value)
    {
        if (value is not null) inner[name] = value;
    }

    private void SetRefusal(string? text)
    {
        refusal = text;
        if (text is null) Guard?.Accept(this);
        else Guard?.Refuse(this, text);
    }

    public void Dispose()
    {
        Guard?.Accept(this);
        GC.SuppressFinalize(this);
    }
}
