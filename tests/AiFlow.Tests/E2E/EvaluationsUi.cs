using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for the evaluation list, the New evaluation dialog and the evaluation page.</summary>
public sealed class EvaluationsUi(IPage page)
{
    public Task OpenAsync(string path) => ConsolePage.OpenAsync(page, path);

    public ILocator NewEvaluationButton => page.GetByTestId("new-evaluation");

    public ILocator NewEvaluationForm => page.GetByTestId("new-evaluation-form");

    public async Task OpenNewEvaluationAsync()
    {
        await NewEvaluationButton.ClickAsync();
        await page.GetByTestId("new-evaluation-submit").WaitForAsync();
    }

    public async Task PickStepAsync(string stepKey)
    {
        await ConsolePage.PickAsync(page, "new-evaluation-step", stepKey);
        // The versions and datasets arrive with the step: wait for them before choosing among them.
        await Assertions.Expect(NewEvaluationForm).ToHaveAttributeAsync("data-step", stepKey);
    }

    /// <summary>Picks the version to evaluate, as its option reads (e.g. "v2").</summary>
    public Task PickVersionAsync(string version) => ConsolePage.PickAsync(page, "new-evaluation-version", version);

    public Task SubmitNewEvaluationAsync() => page.GetByTestId("new-evaluation-submit").ClickAsync();

    public ILocator Status => page.GetByTestId("evaluation-status");

    public Task WaitForStatusAsync(string status, int timeoutMs = 30_000) =>
        Assertions.Expect(page.Locator($"[data-testid=evaluation-status][data-status={status}]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = timeoutMs });

    public ILocator Progress => page.GetByTestId("evaluation-progress");

    public ILocator Aggregate(string metric) => page.Locator($"[data-testid=evaluation-aggregate][data-metric={metric}]");

    public ILocator Cases => page.GetByTestId("evaluation-case");

    public Task FilterOutcomeAsync(string outcome) => page.GetByTestId($"evaluation-outcome-{outcome}").ClickAsync();

    public ILocator CaseDetail => page.GetByTestId("evaluation-case-detail");
}
