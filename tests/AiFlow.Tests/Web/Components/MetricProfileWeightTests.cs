using AiFlow.Web.Features.Metrics;
using Bunit;

namespace AiFlow.Tests.Web.Components;

public sealed class MetricProfileWeightTests
{
    [Fact]
    public async Task A_negative_weight_is_refused_at_the_field_and_the_profile_is_not_saved_until_it_is_fixed()
    {
        await using var ctx = MudBunit.NewContext();
        var form = new MetricProfileForm();
        form.Targets.Add(new MetricTargetForm { MetricKey = "exact_match", Weight = 1 });
        var saves = 0;
        var editor = ctx.Render<MetricProfileEditor>(p => p
            .Add(x => x.Form, form).Add(x => x.Definitions, []).Add(x => x.OnSave, () => saves++));

        editor.Find("#profile-form-weight-0").Change("-2");
        editor.Find("[data-testid=profile-form-save]").Click();

        // Before, the field showed 0 and the profile was saved with weight 0.
        Assert.Contains("Nothing was saved: Must be at least 0.", editor.Find("[data-testid=profile-form-refused]").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, saves);
        Assert.Equal(1, form.Targets[0].Weight);

        editor.Find("#profile-form-weight-0").Change("2");
        editor.Find("[data-testid=profile-form-save]").Click();
        Assert.Equal(1, saves);
        Assert.Equal(2, form.Targets[0].Weight);
        Assert.Empty(editor.FindAll("[data-testid=profile-form-refused]"));
    }
}
