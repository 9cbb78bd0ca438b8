using AiFlow.Web.Components.Shared;
using Bunit;
using MudBlazor;

namespace AiFlow.Tests.Web.Components;

public sealed class RangeNumberFieldTests
{
    [Fact]
    public async Task A_value_above_the_range_is_refused_with_the_range_and_not_passed_on_and_a_value_inside_is()
    {
        await using var ctx = MudBunit.NewContext();
        var received = new List<double>();
        var field = ctx.Render<RangeNumberField<double>>(p => p
            .Add(x => x.Value, 0.25).Add(x => x.Min, 0).Add(x => x.Max, 1).Add(x => x.Step, 0.05)
            .Add(x => x.ReadOnly, false).Add(x => x.Margin, Margin.Dense).Add(x => x.Label, "Rate")
            .Add(x => x.ValueChanged, v => received.Add(v)));

        var mud = field.FindComponent<MudNumericField<double>>();
        field.Find("input").Change("2");
        field.Find("input").Blur();

        // MudNumericField alone turned 2 into 1 and passed 1 on.
        Assert.Contains("Allowed range: 0 to 1.", field.Markup, StringComparison.Ordinal);
        Assert.Empty(received);
        Assert.Equal("2", field.Find("input").GetAttribute("value"));

        field.Find("input").Change("0.5");
        Assert.DoesNotContain("Allowed range", field.Markup, StringComparison.Ordinal);
        Assert.Equal([0.5], received);
    }

    [Fact]
    public void The_refusal_names_the_allowed_range_and_an_empty_or_inside_value_passes()
    {
        Assert.Equal("Must be at least 1.", RangeText.Refusal(0, 1, null));
        Assert.Equal("Allowed range: -1 to 1.", RangeText.Refusal(1.5, -1, 1));
        Assert.Null(RangeText.Refusal(null, 0, 1));
        Assert.Null(RangeText.Refusal(1, 0, 1));
    }
}
