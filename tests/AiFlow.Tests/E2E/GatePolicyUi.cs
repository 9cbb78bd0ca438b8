using System.Globalization;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for the pipeline editor's Quality gate panel: rules, minimum cases, the check of the version on screen, and the schedule.</summary>
public sealed class GatePolicyUi(IPage page)
{
    public ILocator Panel => page.GetByTestId("gate-policy-panel");

    public ILocator State => page.GetByTestId("gate-policy-state");

    public ILocator SaveButton => page.GetByTestId("gate-policy-save");

    public ILocator CheckResult => page.GetByTestId("gate-check-result");

    public ILocator CronField => page.GetByTestId("schedule-cron-field");

    public ILocator ScheduleState => page.GetByTestId("schedule-state");

    public ILocator Rule(int index) => page.Locator($"[data-testid=gate-rule][data-index='{index}']");

    public async Task OpenAsync()
    {
        await page.GetByTestId("gate-policy").ClickAsync();
        await page.GetByTestId("schedule-form").WaitForAsync();
    }

    /// <summary>Adds a rule and fills it; an absolute allowance unless <paramref name="relative"/>.</summary>
    public async Task AddRuleAsync(string metric, double maxRegression, bool relative = false)
    {
        var index = await page.GetByTestId("gate-rule").CountAsync();
        await page.GetByTestId("gate-rule-add").ClickAsync();
        await ConsolePage.PickAsync(page, $"gate-rule-metric-{index}", metric);
        await Assertions.Expect(Rule(index)).ToHaveAttributeAsync("data-metric", metric);
        var max = maxRegression.ToString(CultureInfo.InvariantCulture);
        await FillNumberAsync($"#gate-rule-max-{index}", max);
        await Assertions.Expect(Rule(index)).ToHaveAttributeAsync("data-max-regression", max);
        if (relative) await page.GetByTestId($"gate-rule-relative-{index}").ClickAsync();
    }

    public Task SetMinCasesAsync(int minCases) => FillNumberAsync("#gate-min-cases", minCases.ToString(CultureInfo.InvariantCulture));

    public Task SaveAsync() => SaveButton.ClickAsync();

    public Task CheckAsync() => page.GetByTestId("gate-check").ClickAsync();

    public async Task SetScheduleAsync(string cron)
    {
        await page.FillAsync("#schedule-cron", cron);
        await page.GetByTestId("schedule-save").ClickAsync();
    }

    // A numeric field takes its value when it loses the focus.
    private async Task FillNumberAsync(string selector, string value)
    {
        await page.FillAsync(selector, value);
        await page.PressAsync(selector, "Tab");
    }
}
