using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class MetricCatalogUiTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_defines_a_metric_with_checked_parameters_adds_it_to_a_profile_and_ops_see_both_read_only()
    {
        var ui = new MetricCatalogPage(await console.SignedInPageAsync("admin@aiflow.local", height: 1100));
        var page = ui.Page;
        var metric = $"e2e_{Guid.NewGuid():N}"[..16];
        var profile = $"e2e_profile_{Guid.NewGuid():N}"[..20];
        await ui.OpenAsync();

        await ui.StartMetricAsync(metric, "Order code format", "regex_match");
        await Assertions.Expect(page.GetByTestId("metric-form-formula")).ToHaveTextAsync("1 if pattern matches the text at pointer, else 0");
        await Assertions.Expect(page.GetByTestId("metric-form-parameter-help")).ToContainTextAsync("A .NET regular expression");

        // The function checks the parameters as they are typed, each problem at its pointer.
        await ui.Parameters.FillAsync("""{"pattern":5}""");
        await Assertions.Expect(ui.ParameterProblems).ToContainTextAsync("/parameters/pattern");
        await ui.Parameters.FillAsync("""{"pointer":"/code","pattern":"^[A-Z]{3}-\\d+$"}""");
        await Assertions.Expect(ui.ParameterProblems).ToHaveCountAsync(0);
        await ui.PickAsync("metric-form-aggregation", "Rate");
        await page.GetByTestId("metric-form-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("metric-form")).ToHaveCountAsync(0);
        await Assertions.Expect(ui.MetricRow(metric)).ToContainTextAsync("regex_match");
        await Assertions.Expect(ui.MetricRow(metric)).ToContainTextAsync("rate");

        await ui.ShowProfilesAsync();
        await ui.CreateProfileAsync(profile, "Order checks", metric, "0.9");
        await Assertions.Expect(ui.ProfileTarget(metric)).ToHaveTextAsync($"{metric} ≥ 0.9");
        await page.Context.CloseAsync();

        await using (var db = console.Database.CreateContext())
        {
            var stored = await db.MetricDefinitions.AsNoTracking().SingleAsync(d => d.Key == metric);
            Assert.Equal(("regex_match", MetricAggregation.Rate, MetricDirection.HigherIsBetter), (stored.Function, stored.Aggregation, stored.Direction));
            Assert.Equal("^[A-Z]{3}-\\d+$", JsonNode.Parse(stored.ParametersJson)!["pattern"]!.GetValue<string>());
            var targets = (await db.MetricProfiles.AsNoTracking().SingleAsync(p => p.Key == profile)).Targets;
            Assert.Equal([new MetricTarget(metric, 0.9)], targets);
        }

        var ops = new MetricCatalogPage(await console.SignedInPageAsync("ops@aiflow.local"));
        await ops.OpenAsync();
        await Assertions.Expect(ops.Page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(ops.MetricRow(metric)).ToBeVisibleAsync();
        // Its numbered versions, with who saved each and what changed, are one click away for Ops too.
        await Assertions.Expect(ops.MetricRow(metric).GetByTestId("metric-version")).ToHaveTextAsync("v1");
        await ops.MetricRow(metric).GetByTestId("metric-history").ClickAsync();
        await Assertions.Expect(ops.Page.GetByTestId("catalog-history").GetByTestId("history-changes")).ToHaveTextAsync("created");
        await Assertions.Expect(ops.Page.GetByTestId("catalog-history").GetByTestId("history-saved-by")).ToHaveTextAsync("admin@aiflow.local");
        await Assertions.Expect(ops.Page.GetByTestId("new-metric")).ToHaveCountAsync(0);
        await Assertions.Expect(ops.Page.GetByTestId("metric-edit")).ToHaveCountAsync(0);
        await ops.ShowProfilesAsync();
        await Assertions.Expect(ops.ProfileTarget(metric)).ToBeVisibleAsync();
        await Assertions.Expect(ops.Page.GetByTestId("new-profile")).ToHaveCountAsync(0);
        await ops.Page.Context.CloseAsync();
    }
}
