using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class AuthoringTests(ConsoleFixture console)
{
    private async Task<AuthoringUi> SignedInAsync(string email) => new(await console.SignedInPageAsync(email, height: 1000));

    [Fact]
    public async Task An_admin_writes_two_prompt_versions_compares_them_and_publishes_a_step_using_one_and_ops_see_both_read_only()
    {
        var ui = await SignedInAsync("admin@aiflow.local");
        var page = ui.Page;
        var template = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await ui.CreateTemplateAsync(template, "Summary prompt");

        // v1: a variable is listed and previewed against a sample input.
        await ui.Area("editor-template").FillAsync("Summarise: {{ input.text }}");
        await Assertions.Expect(page.GetByTestId("editor-variable")).ToHaveTextAsync("input.text");
        await ui.Area("preview-input").FillAsync("""{"text":"pump failed"}""");
        await Assertions.Expect(ui.PreviewOutput).ToHaveTextAsync("Summarise: pump failed");
        await page.GetByTestId("save-version").ClickAsync();
        await Assertions.Expect(ui.VersionRow(1)).ToBeVisibleAsync();

        // An unknown variable is refused in place, by name, and nothing is saved.
        await ui.Area("editor-template").FillAsync("Summarise for {{ customer.name }}: {{ input.text }}");
        await page.GetByTestId("save-version").ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-error")).ToContainTextAsync("Unknown variable 'customer'");
        await Assertions.Expect(ui.VersionRow(2)).ToHaveCountAsync(0);

        await ui.SaveTemplateVersionAsync("Summarise briefly: {{ input.text | upcase }}\nTone: {{ params.tone }}", 2);
        await Assertions.Expect(ui.VersionRow(2)).ToContainTextAsync("input.text, params.tone");

        // Side by side: v1 left, v2 right, the changed template line removed on the left and added on the right.
        var diff = page.GetByTestId("prompt-diff");
        await Assertions.Expect(diff.GetByTestId("diff-summary")).ToHaveAttributeAsync("data-to", "2");
        var changed = diff.Locator("[data-testid=diff-row][data-change=yes]").First;
        await Assertions.Expect(changed.GetByTestId("diff-left")).ToHaveTextAsync("Summarise: {{ input.text }}");
        await Assertions.Expect(changed.GetByTestId("diff-left")).ToHaveClassAsync("removed");
        await Assertions.Expect(changed.GetByTestId("diff-right")).ToHaveTextAsync("Summarise briefly: {{ input.text | upcase }}");
        await Assertions.Expect(changed.GetByTestId("diff-right")).ToHaveClassAsync("added");

        // A step version pins v2; its preview renders with the step's own parameters.
        var step = "e2e-step-" + Guid.NewGuid().ToString("N")[..6];
        await ui.CreateStepAsync(step, "Summarise tickets");
        await page.GetByTestId("new-step-version").ClickAsync();
        await Assertions.Expect(ui.VersionStatus).ToHaveAttributeAsync("data-status", "draft");
        await ui.PickAsync("field-prompt", $"{template} v2");
        await ui.Area("field-params").FillAsync("""{"tone":"calm","temperature":0.2}""");
        await ui.Area("preview-input").FillAsync("""{"text":"pump failed"}""");
        await Assertions.Expect(ui.PreviewOutput).ToHaveTextAsync("Summarise briefly: PUMP FAILED\nTone: calm");
        await ui.Area("field-guidelines").FillAsync("**Check** that the summary keeps the location.");
        await Assertions.Expect(page.GetByTestId("guidelines-preview").Locator("strong")).ToHaveTextAsync("Check");
        await page.GetByTestId("save-step-version").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await page.GetByTestId("publish-step-version").ClickAsync();
        await Assertions.Expect(ui.VersionStatus).ToHaveAttributeAsync("data-status", "published");
        await Assertions.Expect(page.GetByTestId("step-form")).ToHaveAttributeAsync("data-readonly", "yes");
        await Assertions.Expect(page.GetByTestId("save-step-version")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        await using (var db = console.Database.CreateContext())
        {
            var stored = db.StepVersions.Single(v => v.StepDefinition!.Key == step);
            Assert.Equal(AiFlow.Domain.Steps.VersionStatus.Published, stored.Status);
            Assert.Equal(0.2, System.Text.Json.Nodes.JsonNode.Parse(stored.ParamsJson)!["temperature"]!.GetValue<double>());
            Assert.Equal(2, db.PromptTemplateVersions.Single(v => v.Id == stored.PromptTemplateVersionId).Number);
        }

        var ops = await SignedInAsync("ops@aiflow.local");
        await ops.OpenAsync($"/prompts/{template}");
        await Assertions.Expect(ops.Page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(ops.Page.GetByTestId("prompt-editor")).ToHaveAttributeAsync("data-mode", "read-only");
        await Assertions.Expect(ops.Page.GetByTestId("new-template")).ToHaveCountAsync(0);
        await Assertions.Expect(ops.Page.GetByTestId("save-version")).ToHaveCountAsync(0);
        await Assertions.Expect(ops.Area("editor-template")).ToHaveAttributeAsync("readonly", "");
        await ops.OpenAsync($"/steps/{step}");
        await Assertions.Expect(ops.VersionStatus).ToContainTextAsync("read-only");
        await Assertions.Expect(ops.Page.GetByTestId("step-form")).ToHaveAttributeAsync("data-readonly", "yes");
        await Assertions.Expect(ops.Page.GetByTestId("new-step-version")).ToHaveCountAsync(0);
        // Moving to another step in the same page (a link, back or forward) shows that step: it kept showing the first.
        var title = await ops.Page.GetByTestId("step-title").TextContentAsync();
        await ops.Page.EvaluateAsync("() => Blazor.navigateTo('/steps/classify')");
        await Assertions.Expect(ops.Page.GetByTestId("step-title")).ToHaveTextAsync("Classify ticket");
        Assert.NotEqual("Classify ticket", title);
        await ops.Page.GoBackAsync();
        await Assertions.Expect(ops.Page.GetByTestId("step-title")).ToHaveTextAsync(title!);
        await ops.OpenAsync("/steps");
        await Assertions.Expect(ops.Page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(ops.Page.GetByTestId("new-step")).ToHaveCountAsync(0);
        await ops.Page.Context.CloseAsync();
    }
}
